using CertMesh.Persistence.Database;
using Npgsql;

namespace CertMesh.Persistence.Audit;

/// <summary>Audit lines of one unit of work, written with its commit in the same round trip as its events (and not at all
/// if it rolls back): a command's audit line commits exactly when what it did does.</summary>
public sealed class UnitAudit(UnitOfWork unit)
{
    readonly List<AuditEntry> _pending = [];

    public void Record(string actor, string via, string verb, string kind, string @namespace, string name, string outcome, string message) =>
        _pending.Add(new AuditEntry(unit.Time.GetUtcNow(), actor, via, verb, kind, @namespace, name, outcome, message));

    internal NpgsqlBatchCommand? TakeFlushCommand()
    {
        if (_pending.Count == 0)
            return null;
        var command = AuditLog.InsertCommand(_pending);
        _pending.Clear();
        return command;
    }
}
