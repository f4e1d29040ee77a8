using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Issuing.Workflow;

/// <summary>Creates, settles and garbage-collects the CertificateRequest of each revision (<c>&lt;certificate&gt;-&lt;revision&gt;</c>).</summary>
internal static class CertificateRequests
{
    public const string CertificateNameLabel = "cert-manager.io/certificate-name";
    public const string RevisionAnnotation = "cert-manager.io/certificate-revision";

    public static ResourceKey KeyOf(string @namespace, string certificateName, int revision) =>
        new(ResourceKinds.CertificateRequest, @namespace, $"{certificateName}-{revision}");

    /// <summary>Creates the request already approved (CertMesh's built-in approver) and pending.</summary>
    public static async Task<Stored<CertificateRequest>> CreateAsync(UnitOfWork unit, Certificate certificate, int revision, string csrPem, CancellationToken cancellationToken)
    {
        var key = KeyOf(certificate.Metadata.Namespace, certificate.Metadata.Name, revision);
        var now = unit.Time.GetUtcNow();
        var request = new CertificateRequest
        {
            Metadata = new ObjectMeta
            {
                Namespace = key.Namespace,
                Name = key.Name,
                Uid = Guid.CreateVersion7(),
                Generation = 1,
                CreationTimestamp = now,
                Labels = new Dictionary<string, string> { [CertificateNameLabel] = certificate.Metadata.Name },
                Annotations = new Dictionary<string, string>
                {
                    [RevisionAnnotation] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["cert-manager.io/certificate-name"] = certificate.Metadata.Name,
                },
            },
            Spec = new CertificateRequestSpec
            {
                Request = csrPem,
                IssuerRef = certificate.Spec.IssuerRef,
                Duration = certificate.Spec.Duration,
                Usages = certificate.Spec.Usages,
                IsCA = certificate.Spec.IsCA,
            },
            Status = new CertificateRequestStatus
            {
                Conditions =
                [
                    new Condition { Type = CertificateRequestConditionTypes.Approved, Status = ConditionStatus.True, Reason = "cert-manager.io", Message = "Certificate request has been approved by cert-manager.io", LastTransitionTime = now },
                    new Condition { Type = CertificateRequestConditionTypes.Ready, Status = ConditionStatus.False, Reason = CertificateRequestReasons.Pending, Message = "Waiting on certificate issuance", LastTransitionTime = now },
                ],
            },
        };
        // A leftover request of the same revision (the certificate was deleted and re-created) is replaced.
        await unit.Resources.DeleteAsync(key, cancellationToken);
        var version = await unit.Resources.CreateAsync(key, request.Metadata.Uid, request, null, cancellationToken);
        await unit.Events.NormalAsync(key, "cert-manager.io", "Certificate request has been approved by cert-manager.io", cancellationToken);
        return new Stored<CertificateRequest>(request, version, null);
    }

    public static async Task SettleAsync(UnitOfWork unit, Stored<CertificateRequest> stored, Condition ready, string? certificatePem, string? caPem, CancellationToken cancellationToken)
    {
        var request = stored.Document;
        var key = new ResourceKey(ResourceKinds.CertificateRequest, request.Metadata.Namespace, request.Metadata.Name);
        var updated = request with
        {
            Status = request.Status with
            {
                Conditions = Conditions.Set(request.Status.Conditions, ready),
                Certificate = certificatePem,
                Ca = caPem,
                FailureTime = ready.Reason == CertificateRequestReasons.Failed ? ready.LastTransitionTime : null,
            },
        };
        await unit.Resources.UpdateAsync(key, updated, stored.ResourceVersion, null, cancellationToken);
        if (ready.Reason == CertificateRequestReasons.Issued)
            await unit.Events.NormalAsync(key, "CertificateIssued", ready.Message ?? "", cancellationToken);
        else
            await unit.Events.WarningAsync(key, ready.Reason ?? "Failed", ready.Message ?? "", cancellationToken);
    }

    /// <summary>Keeps the newest <paramref name="historyLimit"/> requests, deleting older revisions newest-first until a gap.</summary>
    public static async Task CollectGarbageAsync(UnitOfWork unit, string @namespace, string certificateName, int revision, int historyLimit, CancellationToken cancellationToken)
    {
        for (var old = revision - historyLimit; old >= 1; old--)
        {
            var key = KeyOf(@namespace, certificateName, old);
            if (!await unit.Resources.DeleteAsync(key, cancellationToken))
                break;
            await unit.Events.DeleteAsync(key, cancellationToken);
        }
    }
}
