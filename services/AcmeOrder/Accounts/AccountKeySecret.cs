using System.Text;
using CertMesh.Acme.Jws;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>
/// The account key lives in the Secret <c>privateKeySecretRef</c> names (<c>tls.key</c>, PEM), in the issuer's
/// namespace or, for a ClusterIssuer, the cluster resource namespace. Absent, it is generated and stored there, so
/// the account survives restarts and can be moved to cert-manager and back.
/// </summary>
internal static class AccountKeySecret
{
    public static string NamespaceOf(Issuer issuer, AcmeOrderOptions options) =>
        issuer.Kind == ResourceKinds.ClusterIssuer ? options.ClusterResourceNamespace : issuer.Metadata.Namespace;

    /// <returns>the key PEM, or null when the Secret does not exist.</returns>
    public static async Task<string?> ReadAsync(UnitOfWork unit, string @namespace, string name, CancellationToken cancellationToken)
    {
        var secret = await unit.Secrets.GetAsync(@namespace, name, cancellationToken);
        if (secret is null)
            return null;
        return secret.Document.Data.TryGetValue(SecretKeys.TlsKey, out var pem) && pem.Length > 0
            ? Encoding.UTF8.GetString(pem)
            : throw new AccountSetupException($"the account key Secret \"{@namespace}/{name}\" has no {SecretKeys.TlsKey}");
    }

    /// <summary>
    /// A new ES256 key, stored as PKCS#8. cert-manager generates RSA-2048; ES256 is what this client defaults to:
    /// generated in microseconds, short signatures, and accepted by every RFC 8555 CA.
    /// </summary>
    public static async Task<string> CreateAsync(UnitOfWork unit, string @namespace, string name, CancellationToken cancellationToken)
    {
        using var key = AccountKey.Create(AccountKeyType.ES256);
        var pem = key.ExportPkcs8Pem();
        await unit.Secrets.PutAsync(new Secret
        {
            Metadata = new ObjectMeta
            {
                Namespace = @namespace,
                Name = name,
                Uid = Guid.NewGuid(),
                CreationTimestamp = unit.Time.GetUtcNow(),
            },
            Type = SecretTypes.Opaque,
            Data = new Dictionary<string, byte[]> { [SecretKeys.TlsKey] = Encoding.UTF8.GetBytes(pem) },
        }, null, cancellationToken);
        return pem;
    }
}
