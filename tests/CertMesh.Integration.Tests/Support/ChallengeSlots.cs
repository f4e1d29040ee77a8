using Npgsql;

namespace CertMesh.Integration.Tests.Support;

/// <summary>One hold of a challenge by a solver replica, from the scheduler's append-only slot log (database clock).</summary>
public sealed record ChallengeSlot(string Challenge, string Replica, string DnsName, string Type, DateTimeOffset Started, DateTimeOffset Ended);

/// <summary>Reads the slot log and measures how many holds overlapped.</summary>
public static class ChallengeSlots
{
    const string Sql = """
        SELECT s.namespace || '/' || s.name, s.replica, q.dns_name, q.type, s.started_at, coalesce(s.ended_at, clock_timestamp())
        FROM challenge_slots s JOIN challenge_queue q ON q.id = s.queue_id
        WHERE @ns IS NULL OR s.namespace = @ns
        """;

    /// <summary>Every slot, or those of one namespace.</summary>
    public static async Task<List<ChallengeSlot>> ReadAsync(StackFixture stack, string? @namespace = null)
    {
        await using var connection = new NpgsqlConnection(stack.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string?>("ns", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = @namespace });
        var slots = new List<ChallengeSlot>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            slots.Add(new ChallengeSlot(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5)));
        return slots;
    }

    /// <summary>The most slots open at one instant; a slot ending exactly when another starts does not overlap it.</summary>
    public static int MaxOverlap(IEnumerable<ChallengeSlot> slots)
    {
        var edges = slots.SelectMany(s => new[] { (Time: s.Started, Delta: 1), (Time: s.Ended, Delta: -1) })
            .OrderBy(e => e.Time).ThenBy(e => e.Delta);
        int open = 0, max = 0;
        foreach (var edge in edges)
            max = Math.Max(max, open += edge.Delta);
        return max;
    }
}
