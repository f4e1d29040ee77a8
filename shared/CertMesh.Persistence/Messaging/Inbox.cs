using CertMesh.Persistence.Database;

namespace CertMesh.Persistence.Messaging;

/// <summary>Remembers which messages a consumer has already applied; a redelivery finds its mark and is dropped.</summary>
public sealed class Inbox(UnitOfWork unit)
{
    /// <returns>false when <paramref name="messageId"/> was already processed by <paramref name="consumer"/>.</returns>
    public async Task<bool> TryAcceptAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = unit.Command(
            "INSERT INTO inbox (consumer, message_id) VALUES (@consumer, @id) ON CONFLICT DO NOTHING");
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("id", messageId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
