using System.Text.Json;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;

namespace CertMesh.AcmeOrder.Tests.Support;

/// <summary>What the workflows published (or scheduled), read back from the outbox table they wrote in their unit.</summary>
internal static class OutboxRows
{
    public static async Task<IReadOnlyList<T>> ReadAsync<T>(AcmeOrderFixture fixture, Func<T, bool> mine)
    {
        var rows = await ReadWithDueAsync(fixture, mine);
        return rows.Select(r => r.Message).ToList();
    }

    public static async Task<IReadOnlyList<(T Message, DateTimeOffset DueAt)>> ReadWithDueAsync<T>(AcmeOrderFixture fixture, Func<T, bool> mine)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT body::text, due_at FROM outbox WHERE message_type = @type ORDER BY id");
        command.Parameters.AddWithValue("type", MessageTypeName.Of(typeof(T)));
        var rows = new List<(T, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = JsonSerializer.Deserialize<T>(reader.GetString(0), Json.Options)!;
            if (mine(message))
                rows.Add((message, new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero)));
        }
        return rows;
    }
}
