using System.Collections.Concurrent;
using CertMesh.Client.Lifecycle;
using CertMesh.Contracts;

namespace CertMesh.Client.Tests.Support;

/// <summary>CertMesh's side of the commands, scripted: records what was sent and answers with <see cref="Answer"/>.</summary>
internal sealed class FakeCommands : ICertMeshCommands
{
    public ConcurrentQueue<IssueCertificate> Issued { get; } = new();
    public ConcurrentQueue<(string Namespace, string Name)> Renewed { get; } = new();
    public Func<IssueCertificate, IssueOutcome> Answer { get; set; } = _ => new IssueOutcome(true, true, []);

    public Task<IssueOutcome> IssueAsync(IssueCertificate command, CancellationToken cancellationToken)
    {
        Issued.Enqueue(command);
        return Task.FromResult(Answer(command));
    }

    public Task RenewAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        Renewed.Enqueue((@namespace, name));
        return Task.CompletedTask;
    }
}
