using CertMesh.Domain.Resources;
using MassTransit;

namespace CertMesh.KeyManager.Keys;

/// <summary>
/// What producing a revision's key reads and writes for one message. In the service it is the message's unit of work
/// (<see cref="UnitOfWorkKeySecrets"/>: the secret store, encrypted at rest, and the outbox, in one transaction); harness
/// tests give an in-memory one, so the consumer is tested without servers.
/// </summary>
internal interface IKeySecrets
{
    Task<bool> ExistsAsync(ConsumeContext context, string @namespace, string name);

    /// <summary>The <c>tls.key</c> of Secret <paramref name="name"/>, or null when it has none.</summary>
    Task<byte[]?> GetKeyAsync(ConsumeContext context, string @namespace, string name);

    Task PutAsync(ConsumeContext context, Secret secret);

    /// <summary>Sent once the key is stored, and only then.</summary>
    Task PublishAsync<T>(ConsumeContext context, T message) where T : class;
}
