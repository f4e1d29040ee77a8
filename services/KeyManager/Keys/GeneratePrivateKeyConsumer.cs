using System.Text;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Resources;
using CertMesh.Hosting.Bus;
using CertMesh.Pki;
using MassTransit;

namespace CertMesh.KeyManager.Keys;

/// <summary>
/// Produces the key of one revision, asked by its Issuing saga, as a next-key secret and answers with
/// <see cref="PrivateKeyReady"/> (or <see cref="PrivateKeyGenerationFailed"/> for a key spec it cannot produce).
/// Idempotent: the secret's name is fixed per revision, so a redelivered command finds it and only answers again.
/// The key never leaves the secret store.
/// </summary>
[Inbox("keymanager:generate-private-key")]
internal sealed partial class GeneratePrivateKeyConsumer(IKeySecrets secrets, ILogger<GeneratePrivateKeyConsumer> logger)
    : IConsumer<GeneratePrivateKey>
{
    public const string NextKeyLabel = "cert-manager.io/next-private-key";

    public static string KeySecretName(string certificateName, int revision) => $"{certificateName}-next-key-{revision}";

    public async Task Consume(ConsumeContext<GeneratePrivateKey> context)
    {
        var request = context.Message;
        var secretName = KeySecretName(request.Name, request.Revision);
        var reused = false;
        if (!await secrets.ExistsAsync(context, request.Namespace, secretName))
        {
            KeyRequest keyRequest;
            try
            {
                keyRequest = KeyRequest.From(request.PrivateKey);
            }
            catch (KeyRequestException exception)
            {
                await secrets.PublishAsync(context, new PrivateKeyGenerationFailed
                {
                    IssuanceId = request.IssuanceId,
                    CertificateUid = request.CertificateUid,
                    Namespace = request.Namespace,
                    Name = request.Name,
                    Revision = request.Revision,
                    Reason = "InvalidPrivateKeySpec",
                    Message = exception.Message,
                });
                return;
            }
            var pem = keyRequest.ReuseExisting ? await ReusableKeyAsync(context, request, keyRequest) : null;
            reused = pem is not null;
            pem ??= Generate(keyRequest);
            await secrets.PutAsync(context, NextKeySecret(request, secretName, pem));
            LogKeyReady(request.Namespace, request.Name, request.Revision, keyRequest.Spec.ToString(), reused);
        }

        await secrets.PublishAsync(context, new PrivateKeyReady
        {
            IssuanceId = request.IssuanceId,
            CertificateUid = request.CertificateUid,
            Namespace = request.Namespace,
            Name = request.Name,
            Revision = request.Revision,
            KeySecretName = secretName,
            Reused = reused,
        });
    }

    static string Generate(KeyRequest request)
    {
        using var key = PrivateKeys.Generate(request.Spec);
        return PrivateKeys.ToPem(key, request.Encoding);
    }

    /// <summary>rotationPolicy Never: the current key, if it still has the algorithm and size the spec asks for.</summary>
    async Task<string?> ReusableKeyAsync(ConsumeContext context, GeneratePrivateKey request, KeyRequest keyRequest)
    {
        var keyBytes = await secrets.GetKeyAsync(context, request.Namespace, request.CertificateSecretName);
        if (keyBytes is null)
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

    static Secret NextKeySecret(GeneratePrivateKey request, string secretName, string pem) => new()
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
