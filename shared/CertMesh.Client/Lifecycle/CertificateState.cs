using CertMesh.Client.Tls;

namespace CertMesh.Client.Lifecycle;

/// <summary>What the health check reports about one certificate: replaced as a whole on every change.</summary>
internal sealed record CertificateState(ServedCertificate? Served, DateTimeOffset? RenewalTime, RenewalFailure? LastFailure)
{
    public static readonly CertificateState Empty = new(null, null, null);
}

/// <summary>The last renewal attempt that failed (CertMesh's reason and message), until a revision arrives.</summary>
internal sealed record RenewalFailure(string Reason, string Message, DateTimeOffset At);
