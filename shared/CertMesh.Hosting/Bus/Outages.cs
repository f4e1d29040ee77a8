using Npgsql;

namespace CertMesh.Hosting.Bus;

/// <summary>
/// Failures that say a server is away rather than that the message is bad: PostgreSQL refusing connections, a
/// connection cut by its crash or restart, the server still recovering. A message failing this way is tried again
/// until the server is back, never faulted to an error queue where it would wait for an operator. (Past RabbitMQ's
/// consumer_timeout, 30 minutes by default, the broker takes the unacknowledged message back and delivers it again:
/// requeued, still not lost.)
/// </summary>
public static class Outages
{
    // admin_shutdown, crash_shutdown, cannot_connect_now (recovery): what PostgreSQL says while it stops or comes back;
    // and class 53, insufficient resources (too many connections, out of memory, disk full): the server, not the message.
    static readonly HashSet<string> ServerGoingOrComing = ["57P01", "57P02", "57P03"];

    public static bool IsOutage(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres when ServerGoingOrComing.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false; // the server answered: a statement failed, not the connection
                case NpgsqlException { IsTransient: true }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }
        }
        return false;
    }
}
