using System.Text;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Pki;
using MassTransit;

namespace CertMesh.KeyManager.Keys;

/// <summary>
/// Produces the key of one revision as a next-key secret. Idempotent: the secret's name is fixed per revision,
/// so a redelivered command finds it and only re-announces it. The key never leaves the secret store.
/// </summary>
internal sealed partial class GeneratePrivateKeyConsumer(CertMeshDatabase database, ILogger<GeneratePrivateKeyConsumer> logger)
    : IConsumer<GeneratePrivateKey>
{
    const string InboxName = "keymanager:generate-private-key";
    public const string NextKeyLabel = "cert-manager.io/next-private-key";

    public async Task Consume(ConsumeContext<GeneratePrivateKey> context)
    {
        var command = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var unit = await database.BeginOnceAsync(context, InboxName);
        if (unit is null)
            return;

        var existing = await unit.Secrets.GetAsync(command.Namespace, command.KeySecretName, cancellationToken);
        var reused = false;
        if (existing is null)
        {
            KeyRequest request;
            try
            {
                request = KeyRequest.From(command.PrivateKey);
            }
            catch (KeyRequestException exception)
            {
                await unit.Outbox.PublishAsync(new PrivateKeyGenerationFailed
                {
                    IssuanceId = command.IssuanceId,
                    Reason = "InvalidPrivateKeySpec",
                    Message = exception.Message,
                }, cancellationToken);
                await unit.CommitAsync(cancellationToken);
                return;
            }
            var pem = request.ReuseExisting ? await ReusableKeyAsync(unit, command, request, cancellationToken) : null;
            reused = pem is not null;
            pem ??= Generate(request);
            await unit.Secrets.PutAsync(NextKeySecret(command, pem), null, cancellationToken);
            LogKeyReady(command.Namespace, command.Name, command.Revision, request.Spec.ToString(), reused);
        }

        await unit.Outbox.PublishAsync(new PrivateKeyGenerated
        {
            IssuanceId = command.IssuanceId,
            Namespace = command.Namespace,
            KeySecretName = command.KeySecretName,
            Reused = reused,
        }, cancellationToken);
        await unit.CommitAsync(cancellationToken);
    }

    static string Generate(KeyRequest request)
    {
        using var key = PrivateKeys.Generate(request.Spec);
        return PrivateKeys.ToPem(key, request.Encoding);
    }

    /// <summary>rotationPolicy Never: the current key, if it still has the algorithm and size the spec asks for.</summary>
    static async Task<string?> ReusableKeyAsync(UnitOfWork unit, GeneratePrivateKey command, KeyRequest request, CancellationToken cancellationToken)
    {
        var current = await unit.Secrets.GetAsync(command.Namespace, command.CertificateSecretName, cancellationToken);
        if (current is null || !current.Document.Data.TryGetValue(SecretKeys.TlsKey, out var keyBytes) || keyBytes.Length == 0)
            return null;
        try
        {
            using var key = PrivateKeys.FromPem(Encoding.UTF8.GetString(keyBytes));
            return PrivateKeys.Describe(key) == request.Spec ? PrivateKeys.ToPem(key, request.Encoding) : null;
        }
        catch (PkiException)
        {
            return null;
        }
    }

    static Secret NextKeySecret(GeneratePrivateKey command, string pem) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = command.Namespace,
            Name = command.KeySecretName,
            Labels = new Dictionary<string, string> { [NextKeyLabel] = "true" },
            Annotations = new Dictionary<string, string> { [SecretAnnotations.CertificateName] = command.Name },
        },
        Type = SecretTypes.Opaque,
        Data = new Dictionary<string, byte[]> { [SecretKeys.TlsKey] = Encoding.UTF8.GetBytes(pem) },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Private key for {Namespace}/{Name} revision {Revision} ready ({Spec}, reused {Reused})")]
    partial void LogKeyReady(string @namespace, string name, int revision, string spec, bool reused);
}
