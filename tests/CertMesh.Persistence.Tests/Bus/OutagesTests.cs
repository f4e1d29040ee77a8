using System.Net.Sockets;
using CertMesh.Hosting.Bus;
using MassTransit;
using Npgsql;

namespace CertMesh.Persistence.Tests.Bus;

/// <summary>Which failures wait for the server to come back (retried without end) and which are the message's own.</summary>
public sealed class OutagesTests
{
    public static TheoryData<string, Exception, bool> Cases() => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5433", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "connection cut mid-query", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), true },
        { "command timeout", new NpgsqlException("Timeout during reading attempt", new TimeoutException()), true },
        { "admin_shutdown 57P01", Postgres("57P01"), true },
        { "crash_shutdown 57P02", Postgres("57P02"), true },
        { "cannot_connect_now 57P03 (recovering)", Postgres("57P03"), true },
        { "too_many_connections 53300", Postgres("53300"), true },
        { "disk_full 53100", Postgres("53100"), true },
        { "unique_violation 23505", Postgres("23505"), false },
        { "syntax_error 42601", Postgres("42601"), false },
        { "optimistic concurrency", new ConcurrencyException("saga changed", typeof(object), Guid.Empty), false },
        { "a handler bug", new InvalidOperationException("bug"), false },
        { "outage wrapped by the consumer", new InvalidOperationException("wrapped", new NpgsqlException("cut", new IOException())), true },
        { "outage in an aggregate", new AggregateException(new NpgsqlException("cut", new IOException())), true },
        { "a statement error wrapping a cut", new NpgsqlException("failed", Postgres("42601")), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsOutage_Failure_WaitsOnlyForServersThatAreAway(string @case, Exception exception, bool outage)
    {
        Assert.True(Outages.IsOutage(exception) == outage, $"{@case}: expected outage={outage}");
    }

    static PostgresException Postgres(string sqlState) => new("server message", "FATAL", "FATAL", sqlState);
}
