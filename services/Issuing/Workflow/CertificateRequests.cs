using System.Diagnostics;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Issuing.Workflow;

/// <summary>
/// The CertificateRequest of each revision (<c>&lt;certificate&gt;-&lt;revision&gt;</c>): built in memory, not yet
/// approved (<see cref="Approval.RequestApproval"/> decides), settled, and written once per step since the whole step is
/// one transaction. It names its issuance, so a person's approve or deny can reach the saga waiting on it.
/// </summary>
internal static class CertificateRequests
{
    public const string CertificateNameLabel = "cert-manager.io/certificate-name";
    public const string RevisionAnnotation = "cert-manager.io/certificate-revision";
    /// <summary>The Issuing saga's id (its correlation id), which the Api's approve and deny commands are sent to.</summary>
    public const string IssuanceIdAnnotation = "certmesh.io/issuance-id";
    /// <summary>The Certificate generation the request was made (and is approved) for: it is never signed for another.</summary>
    public const string GenerationAnnotation = "certmesh.io/certificate-generation";
    /// <summary>
    /// The trace of the issuance that made the request (32 hex digits), which <c>certmesh status certificate</c> shows:
    /// the id to look up in a tracing backend, or to grep for across every service's log.
    /// </summary>
    public const string TraceIdAnnotation = "certmesh.io/trace-id";

    public static ResourceKey KeyOf(string @namespace, string certificateName, int revision) =>
        new(ResourceKinds.CertificateRequest, @namespace, $"{certificateName}-{revision}");

    public static CertificateRequest New(Certificate certificate, int revision, Guid issuanceId, string csrPem, DateTimeOffset now)
    {
        var annotations = new Dictionary<string, string>
        {
            [RevisionAnnotation] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CertificateNameLabel] = certificate.Metadata.Name,
            [IssuanceIdAnnotation] = issuanceId.ToString(),
            [GenerationAnnotation] = certificate.Metadata.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // Made while Issuing handles a message of the issuance: the span's trace is the issuance's trace.
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } span)
            annotations[TraceIdAnnotation] = span.TraceId.ToHexString();
        return Build(certificate, csrPem, annotations, now);
    }

    static CertificateRequest Build(Certificate certificate, string csrPem, Dictionary<string, string> annotations, DateTimeOffset now) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = certificate.Metadata.Namespace,
            Name = $"{certificate.Metadata.Name}-{annotations[RevisionAnnotation]}",
            Uid = Guid.CreateVersion7(),
            Generation = 1,
            CreationTimestamp = now,
            Labels = new Dictionary<string, string> { [CertificateNameLabel] = certificate.Metadata.Name },
            Annotations = annotations,
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
                new Condition { Type = CertificateRequestConditionTypes.Ready, Status = ConditionStatus.False, Reason = CertificateRequestReasons.Pending, Message = "Waiting on certificate issuance", LastTransitionTime = now },
            ],
        },
    };

    /// <summary>The generation recorded by <see cref="New"/>; null for requests made before it was recorded.</summary>
    public static long? MadeForGeneration(CertificateRequest request) =>
        request.Metadata.Annotations?.GetValueOrDefault(GenerationAnnotation) is { } text
        && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation)
            ? generation
            : null;

    public static CertificateRequest Settle(CertificateRequest request, string reason, string message, DateTimeOffset now, string? certificatePem = null, string? caPem = null) => request with
    {
        Status = request.Status with
        {
            Conditions = Conditions.Set(request.Status.Conditions, new Condition
            {
                Type = CertificateRequestConditionTypes.Ready,
                Status = reason == CertificateRequestReasons.Issued ? ConditionStatus.True : ConditionStatus.False,
                Reason = reason,
                Message = message,
                LastTransitionTime = now,
            }),
            Certificate = certificatePem,
            Ca = caPem,
            FailureTime = reason == CertificateRequestReasons.Failed ? now : null,
        },
    };

    /// <summary>Writes the request as it now stands (a leftover of a deleted certificate with the same name is replaced).</summary>
    public static async Task SaveAsync(UnitOfWork unit, CertificateRequest request, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(ResourceKinds.CertificateRequest, request.Metadata.Namespace, request.Metadata.Name);
        await unit.Resources.ReplaceAsync(key, request.Metadata.Uid, request, cancellationToken);
        var ready = Conditions.Find(request.Status.Conditions, CertificateRequestConditionTypes.Ready)!;
        if (ready.Reason == CertificateRequestReasons.Issued)
            await unit.Events.NormalAsync(key, "CertificateIssued", ready.Message ?? "", cancellationToken);
        else if (ready.Reason == CertificateRequestReasons.Failed)
            await unit.Events.WarningAsync(key, "Failed", ready.Message ?? "", cancellationToken);
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
