using CertMesh.Persistence.Database;

namespace CertMesh.AcmeOrder.Database;

/// <summary>
/// A transaction-scoped PostgreSQL advisory lock on a name: what keeps two replicas (or two deliveries) from
/// registering the same account or making the same order at once. Released by the commit or rollback; a hash
/// collision between two names only makes one wait for the other.
/// </summary>
internal static class AdvisoryLock
{
    public static async Task AcquireAsync(UnitOfWork unit, string name, CancellationToken cancellationToken)
    {
        await using var command = unit.Command("SELECT pg_advisory_xact_lock(hashtext(@name))");
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
