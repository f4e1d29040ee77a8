using System.Security.Cryptography.X509Certificates;
using CertMesh.Acme.Directory;
using CertMesh.Acme.Http;
using CertMesh.Acme.Problems;
using CertMesh.Acme.Renewal;

namespace CertMesh.Acme;

/// <summary>ACME Renewal Information (RFC 9773): an unauthenticated GET of renewalInfo/{certID}.</summary>
public sealed partial class AcmeClient
{
    /// <summary>The CA's suggested renewal window, or null when the directory has no <c>renewalInfo</c> (no ARI:
    /// the caller keeps its own renew-before timing).</summary>
    public async Task<RenewalInfo?> GetRenewalInfoAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default) =>
        await GetRenewalInfoAsync(AriCertificateId.For(certificate), cancellationToken).ConfigureAwait(false);

    public async Task<RenewalInfo?> GetRenewalInfoAsync(string certificateId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificateId);
        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        if (directory.RenewalInfo is not { } baseUrl)
        {
            return null;
        }

        var url = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + certificateId);
        AcmeResponse response = await _transport.GetAsync(url, AcmeActions.GetRenewalInfo, cancellationToken).ConfigureAwait(false);
        RenewalInfo info = AcmeTransport.Deserialize<RenewalInfo>(response, url);
        if (info.SuggestedWindow.End < info.SuggestedWindow.Start)
        {
            throw new AcmeException($"The CA's renewal window from {url} ends before it starts.");
        }

        return info with { RetryAfter = response.RetryAfter };
    }
}
