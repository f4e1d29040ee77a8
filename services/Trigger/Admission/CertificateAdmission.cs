using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Renewal;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Hosting.Authorization;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using CertMesh.Trigger.Issuance;

namespace CertMesh.Trigger.Admission;

/// <summary>
/// Validates an <see cref="IssueCertificate"/> (every error, with its field), then creates or updates the
/// Certificate and lets the policy chain decide whether a new revision is due. A rejected command changes nothing.
/// Who sent it was checked before (<see cref="Access.BusCaller"/>); what it names is checked here, for every sender:
/// a ClusterIssuer only from a namespace a ClusterIssuerGrant covers (cert-manager's <c>use</c>, unless
/// <c>CERTMESH_CLUSTERISSUER_USE=any</c>).
/// </summary>
internal sealed class CertificateAdmission(IssuanceStarter starter, AccessCache access, AdmissionOptions options, TimeProvider time)
{
    public async Task<AdmissionResult> AdmitAsync(UnitOfWork unit, IssueCertificate command, CancellationToken cancellationToken)
    {
        var issuer = await unit.Resources.FindAsync(command.Namespace, command.Spec.IssuerRef, cancellationToken);
        var errors = CertificateValidator.Validate(command, IssuerLookup.From(issuer));
        var snapshot = await access.CurrentAsync(cancellationToken);
        if (ClusterIssuerUse.Check(options.ClusterIssuerUse, snapshot, command.Namespace, command.Spec.IssuerRef) is { } forbidden)
            errors = [.. errors, forbidden];
        if (errors.Count > 0)
            return AdmissionResult.Reject(errors);

        var key = new ResourceKey(ResourceKinds.Certificate, command.Namespace, command.Name);
        var stored = await unit.Resources.GetAsync<Certificate>(key, cancellationToken);
        bool started;
        if (stored is null)
        {
            (stored, started) = await starter.CreateAsync(unit, NewCertificate(command), cancellationToken);
        }
        else
        {
            if (CsrRotation.RefuseOldKey(stored.Document, command) is { } oldKey)
                return AdmissionResult.Reject([oldKey]);
            if (Changed(stored.Document, command))
                stored = await UpdateSpecAsync(unit, key, stored, command, cancellationToken);
            started = await starter.ReconcileAsync(unit, stored, null, cancellationToken) == Reconciled.IssuanceStarted;
        }
        var metadata = stored.Document.Metadata;
        return AdmissionResult.Accept(new IssueCertificateAccepted
        {
            Namespace = metadata.Namespace,
            Name = metadata.Name,
            Uid = metadata.Uid,
            Generation = metadata.Generation,
            IssuanceStarted = started,
        });
    }

    Certificate NewCertificate(IssueCertificate command) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = command.Namespace,
            Name = command.Name,
            Uid = Guid.CreateVersion7(),
            Generation = 1,
            CreationTimestamp = time.GetUtcNow(),
            Labels = command.Labels,
            Annotations = command.Annotations,
        },
        Spec = command.Spec,
        SuppliedCsr = command.Csr,
    };

    static async Task<Stored<Certificate>> UpdateSpecAsync(UnitOfWork unit, ResourceKey key, Stored<Certificate> stored, IssueCertificate command, CancellationToken cancellationToken)
    {
        var current = stored.Document;
        var updated = current with
        {
            Metadata = current.Metadata with
            {
                Generation = current.Metadata.Generation + 1,
                Labels = command.Labels,
                Annotations = command.Annotations,
            },
            Spec = command.Spec,
            SuppliedCsr = command.Csr,
        };
        var version = await unit.Resources.UpdateAsync(key, updated, stored.ResourceVersion, stored.DueAt, cancellationToken);
        return new Stored<Certificate>(updated with { Metadata = updated.Metadata with { ResourceVersion = version } }, version, stored.DueAt);
    }

    static bool Changed(Certificate current, IssueCertificate command) =>
        !SameJson(current.Spec, command.Spec)
        || !SameJson(current.Metadata.Labels, command.Labels)
        || !SameJson(current.Metadata.Annotations, command.Annotations)
        || current.SuppliedCsr != command.Csr;

    static bool SameJson<T>(T a, T b) =>
        JsonSerializer.Serialize(a, Json.Options) == JsonSerializer.Serialize(b, Json.Options);
}
