using System.Text;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Persistence.Database;
using CertMesh.Pki;
using MassTransit;

namespace CertMesh.KeyManager.Keys;

/// <summary>
/// Produces the key of one revision as a next-key secret and announces it with <see cref="PrivateKeyReady"/>.
/// Idempotent: the secret's name is fixed per revision, so a redelivered request finds it and only re-announces
/// it. A revision with a supplied CSR gets no key. The key never leaves the secret store.
/// </summary>
[Inbox("keymanager:issuance-requested")]
internal sealed partial class IssuanceKeyConsumer(ILogger<IssuanceKeyConsumer> logger)
    : IConsumer<CertificateIssuanceRequested>
{
    public const string NextKeyLabel = "cert-manager.io/next-private-key";

    public static string KeySecretName(string certificateName, int revision) => $"{certificateName}-next-key-{revision}";

    public async Task Consume(ConsumeContext<CertificateIssuanceRequested> context)
    {
        var request = context.Message;
        var cancellationToken = context.CancellationToken;
        var unit = context.UnitOfWork();

        if (request.HasCsr)
        {
            await unit.Outbox.PublishAsync(Ready(request, null, false), cancellationToken);
            return;
        }

        var secretName = KeySecretName(request.Name, request.Revision);
        var reused = false;
        if (await unit.Secrets.GetVersionAsync(request.Namespace, secretName, cancellationToken) is null)
        {
            KeyRequest keyRequest;
            try
            {
                keyRequest = KeyRequest.From(request.PrivateKey);
            }
            catch (KeyRequestException exception)
            {
                await unit.Outbox.PublishAsync(new PrivateKeyGenerationFailed
                {
                    IssuanceId = request.IssuanceId,
                    CertificateUid = request.CertificateUid,
                    Namespace = request.Namespace,
                    Name = request.Name,
                    Revision = request.Revision,
                    Reason = "InvalidPrivateKeySpec",
                    Message = exception.Message,
                }, cancellationToken);
                return;
            }
            var pem = keyRequest.ReuseExisting ? await ReusableKeyAsync(unit, request, keyRequest, cancellationToken) : null;
            reused = pem is not null;
            pem ??= Generate(keyRequest);
            await unit.Secrets.PutAsync(NextKeySecret(request, secretName, pem), null, cancellationToken);
            LogKeyReady(request.Namespace, request.Name, request.Revision, keyRequest.Spec.ToString(), reused);
        }

        await unit.Outbox.PublishAsync(Ready(request, secretName, reused), cancellationToken);
    }

    static PrivateKeyReady Ready(CertificateIssuanceRequested request, string? secretName, bool reused) => new()
    {
        IssuanceId = request.IssuanceId,
        CertificateUid = request.CertificateUid,
        Namespace = request.Namespace,
        Name = request.Name,
        Revision = request.Revision,
        KeySecretName = secretName,
        Reused = reused,
    };

    static string Generate(KeyRequest request)
    {
        using var key = PrivateKeys.Generate(request.Spec);
        return PrivateKeys.ToPem(key, request.Encoding);
    }

    /// <summary>rotationPolicy Never: the current key, if it still has the algorithm and size the spec asks for.</summary>
    static async Task<string?> ReusableKeyAsync(UnitOfWork unit, CertificateIssuanceRequested request, KeyRequest keyRequest, CancellationToken cancellationToken)
    {
        var current = await unit.Secrets.GetAsync(request.Namespace, request.CertificateSecretName, cancellationToken);
        if (current is null || !current.Document.Data.TryGetValue(SecretKeys.TlsKey, out var keyBytes) || keyBytes.Length == 0)
            return null;
        try
        {
            using var key = PrivateKeys.FromPem(Encoding.UTF8.GetString(keyBytes));
            return PrivateKeys.Describe(key) == keyRequest.Spec ? PrivateKeys.ToPem(key, keyRequest.Encoding) : null;
        }
        catch (PkiException)
        {
            return null;
        }
    }

    static Secret NextKeySecret(CertificateIssuanceRequested request, string secretName, string pem) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = request.Namespace,
            Name = secretName,
            Labels = new Dictionary<string, string> { [NextKeyLabel] = "true" },
            Annotations = new Dictionary<string, string> { [SecretAnnotations.CertificateName] = request.Name },
        },
        Type = SecretTypes.Opaque,
        Data = new Dictionary<string, byte[]> { [SecretKeys.TlsKey] = Encoding.UTF8.GetBytes(pem) },
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Private key for {Namespace}/{Name} revision {Revision} ready ({Spec}, reused {Reused})")]
    partial void LogKeyReady(string @namespace, string name, int revision, string spec, bool reused);
}
