using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;

namespace CertMesh.Api.Issuers;

/// <summary>
/// An issuer's Ready condition as cert-manager reports it, worked out when read: a CA issuer is ready exactly
/// when its key pair Secret exists, which changes without the issuer itself changing (the CA bootstrap).
/// </summary>
internal sealed class IssuerStatusProjector(SignerNamespace clusterNamespace)
{
    public async Task<Issuer> ProjectAsync(UnitOfWork unit, Issuer issuer, CancellationToken cancellationToken)
    {
        // An ACME issuer's readiness is its account registration, which AcmeOrder writes into the stored status.
        if (issuer.Spec.Acme is not null)
            return AcmeStatus(issuer);
        var (status, reason, message) = await ReadyAsync(unit, issuer, cancellationToken);
        var condition = new Condition
        {
            Type = "Ready",
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = issuer.Metadata.CreationTimestamp,
            ObservedGeneration = issuer.Metadata.Generation,
        };
        return issuer with { Status = issuer.Status with { Conditions = Conditions.Set(issuer.Status.Conditions, condition) } };
    }

    static Issuer AcmeStatus(Issuer issuer)
    {
        var ready = Conditions.Find(issuer.Status.Conditions, "Ready");
        if (ready is not null && ready.ObservedGeneration >= issuer.Metadata.Generation)
            return issuer;
        var registering = new Condition
        {
            Type = "Ready",
            Status = ConditionStatus.Unknown,
            Reason = "Registering",
            Message = "The ACME account is being registered with the ACME server",
            LastTransitionTime = ready?.LastTransitionTime ?? issuer.Metadata.CreationTimestamp,
            ObservedGeneration = issuer.Metadata.Generation,
        };
        return issuer with { Status = issuer.Status with { Conditions = Conditions.Set(issuer.Status.Conditions, registering) } };
    }

    async Task<(string, string, string)> ReadyAsync(UnitOfWork unit, Issuer issuer, CancellationToken cancellationToken)
    {
        if (issuer.Spec.SelfSigned is not null)
            return (ConditionStatus.True, "IsReady", "");
        if (issuer.Spec.Ca is { } ca)
        {
            var ns = issuer.Kind == ResourceKinds.ClusterIssuer ? clusterNamespace.Value : issuer.Metadata.Namespace;
            var secret = await unit.Secrets.GetAsync(ns, ca.SecretName, cancellationToken);
            return secret is not null && secret.Document.Data.ContainsKey(SecretKeys.TlsCrt) && secret.Document.Data.ContainsKey(SecretKeys.TlsKey)
                ? (ConditionStatus.True, "KeyPairVerified", "Signing CA verified")
                : (ConditionStatus.False, "ErrGetKeyPair", $"Error getting keypair for CA issuer: secret \"{ns}/{ca.SecretName}\" not found");
        }
        return (ConditionStatus.False, "NotSupported", "Vault issuers are not available in this CertMesh version yet");
    }
}

internal sealed record SignerNamespace(string Value);
