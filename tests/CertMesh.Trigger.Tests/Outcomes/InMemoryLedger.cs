using System.Collections.Concurrent;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Resources;
using CertMesh.Trigger.Outcomes;
using MassTransit;

namespace CertMesh.Trigger.Tests.Outcomes;

/// <summary>Certificates and events as dictionaries, versions checked as the store checks them; announcements on the harness bus.</summary>
internal sealed class InMemoryLedger : IIssuanceLedger
{
    public ConcurrentDictionary<ResourceKey, Stored<Certificate>> Certificates { get; } = new();
    public ConcurrentQueue<(ResourceKey Key, string Type, string Reason, string Message)> Events { get; } = new();

    public void Put(Certificate certificate) =>
        Certificates[Key(certificate)] = new Stored<Certificate>(certificate, 1, null);

    public Stored<Certificate> Get(Certificate certificate) => Certificates[Key(certificate)];

    public Task<Stored<Certificate>?> GetAsync(ConsumeContext context, ResourceKey key) =>
        Task.FromResult(Certificates.TryGetValue(key, out var stored) ? stored : null);

    public Task UpdateAsync(ConsumeContext context, ResourceKey key, Certificate certificate, long expectedVersion, DateTimeOffset? dueAt)
    {
        var current = Certificates[key];
        if (current.ResourceVersion != expectedVersion)
            throw new ResourceConflictException(key.Kind, key.Namespace, key.Name, $"version {current.ResourceVersion}, not {expectedVersion}");
        Certificates[key] = new Stored<Certificate>(certificate, expectedVersion + 1, dueAt);
        return Task.CompletedTask;
    }

    public Task RecordEventAsync(ConsumeContext context, ResourceKey key, string type, string reason, string message)
    {
        Events.Enqueue((key, type, reason, message));
        return Task.CompletedTask;
    }

    public Task PublishAsync<T>(ConsumeContext context, T message) where T : class => context.Publish(message);

    static ResourceKey Key(Certificate certificate) => new(ResourceKinds.Certificate, certificate.Metadata.Namespace, certificate.Metadata.Name);
}
