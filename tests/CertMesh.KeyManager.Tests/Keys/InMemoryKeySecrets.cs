using System.Collections.Concurrent;
using CertMesh.Domain.Resources;
using CertMesh.KeyManager.Keys;
using MassTransit;

namespace CertMesh.KeyManager.Tests.Keys;

/// <summary>The secret store as a dictionary, and the answers published on the harness bus.</summary>
internal sealed class InMemoryKeySecrets : IKeySecrets
{
    public ConcurrentDictionary<(string Namespace, string Name), Secret> Secrets { get; } = new();

    public int Puts;

    public Task<bool> ExistsAsync(ConsumeContext context, string @namespace, string name) =>
        Task.FromResult(Secrets.ContainsKey((@namespace, name)));

    public Task<byte[]?> GetKeyAsync(ConsumeContext context, string @namespace, string name) =>
        Task.FromResult(Secrets.TryGetValue((@namespace, name), out var secret) && secret.Data.TryGetValue(SecretKeys.TlsKey, out var key) ? key : null);

    public Task PutAsync(ConsumeContext context, Secret secret)
    {
        Interlocked.Increment(ref Puts);
        Secrets[(secret.Metadata.Namespace, secret.Metadata.Name)] = secret;
        return Task.CompletedTask;
    }

    public Task PublishAsync<T>(ConsumeContext context, T message) where T : class => context.Publish(message);
}
