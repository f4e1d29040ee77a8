using CertMesh.Contracts.Dns;
using CertMesh.DnsWebhook.Changes;
using CertMesh.DnsWebhook.Config;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.DnsWebhook.Secrets;

/// <summary>
/// Reads the credentials a solver refers to from the encrypted secret store: in the issuer's namespace, or for a
/// ClusterIssuer in the cluster resource namespace, as cert-manager does. Errors name the Secret and key, never a value.
/// </summary>
internal sealed class SolverSecrets(CertMeshDatabase database, DnsWebhookOptions options)
{
    public string NamespaceFor(ChangeDnsRecord request) =>
        request.IssuerRef.Kind == ResourceKinds.ClusterIssuer ? options.ClusterResourceNamespace : request.Namespace;

    /// <param name="field">the solver field that names the Secret, for the error message.</param>
    public async Task<byte[]> ReadAsync(string @namespace, SecretKeySelector selector, string field, CancellationToken cancellationToken)
    {
        // Read-only: the unit is rolled back when disposed.
        await using var unit = await database.BeginAsync(cancellationToken);
        var secret = await unit.Secrets.GetAsync(@namespace, selector.Name, cancellationToken);
        if (secret is null)
            throw DnsChangeException.InvalidConfig($"{field}: Secret \"{@namespace}/{selector.Name}\" does not exist");
        if (!secret.Document.Data.TryGetValue(selector.Key, out var value) || value.Length == 0)
            throw DnsChangeException.InvalidConfig($"{field}: Secret \"{@namespace}/{selector.Name}\" has no key \"{selector.Key}\"");
        return value;
    }
}
