using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using MassTransit;

namespace CertMesh.KeyManager.Keys;

/// <summary>The key store of the service: the message's unit of work, committed by the transactional consume filter.</summary>
internal sealed class UnitOfWorkKeySecrets : IKeySecrets
{
    public async Task<bool> ExistsAsync(ConsumeContext context, string @namespace, string name) =>
        await context.UnitOfWork().Secrets.GetVersionAsync(@namespace, name, context.CancellationToken) is not null;

    public async Task<byte[]?> GetKeyAsync(ConsumeContext context, string @namespace, string name)
    {
        var secret = await context.UnitOfWork().Secrets.GetAsync(@namespace, name, context.CancellationToken);
        return secret is not null && secret.Document.Data.TryGetValue(SecretKeys.TlsKey, out var key) && key.Length > 0 ? key : null;
    }

    public Task PutAsync(ConsumeContext context, Secret secret) =>
        context.UnitOfWork().Secrets.PutAsync(secret, null, context.CancellationToken);

    public Task PublishAsync<T>(ConsumeContext context, T message) where T : class =>
        context.UnitOfWork().Outbox.PublishAsync(message, context.CancellationToken);
}
