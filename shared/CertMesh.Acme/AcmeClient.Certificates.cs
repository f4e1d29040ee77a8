using System.Text;
using System.Text.Json;
using CertMesh.Acme.Certificates;
using CertMesh.Acme.Directory;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;

namespace CertMesh.Acme;

/// <summary>Certificate download, alternate chains and revocation (RFC 8555 sections 7.4.2, 7.6).</summary>
public sealed partial class AcmeClient
{
    private const string PemChain = "application/pem-certificate-chain";

    /// <summary>The default chain at <paramref name="certificateUrl"/> and the URLs of its alternates.</summary>
    public async Task<(AcmeCertificateChain Chain, IReadOnlyList<Uri> Alternates)> DownloadCertificateAsync(
        Uri certificateUrl,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificateUrl);
        AcmeResponse response = await PostAsync(certificateUrl, AcmeActions.GetCertificate, null, cancellationToken, PemChain).ConfigureAwait(false);
        var chain = new AcmeCertificateChain(certificateUrl, Encoding.UTF8.GetString(response.Body));
        Uri[] alternates = response.Links.Where(l => l.Relation == "alternate").Select(l => l.Target).Distinct().ToArray();
        return (chain, alternates);
    }

    /// <summary>The default chain first, then every alternate the CA links to.</summary>
    public async Task<IReadOnlyList<AcmeCertificateChain>> DownloadAllChainsAsync(Uri certificateUrl, CancellationToken cancellationToken = default)
    {
        (AcmeCertificateChain chain, IReadOnlyList<Uri> alternates) = await DownloadCertificateAsync(certificateUrl, cancellationToken).ConfigureAwait(false);
        var chains = new List<AcmeCertificateChain> { chain };
        foreach (Uri alternate in alternates)
        {
            chains.Add((await DownloadCertificateAsync(alternate, cancellationToken).ConfigureAwait(false)).Chain);
        }

        return chains;
    }

    /// <summary>Downloads every chain and picks one by <paramref name="preferredChain"/> (see <see cref="ChainSelector"/>).</summary>
    public async Task<AcmeCertificateChain> DownloadPreferredChainAsync(Uri certificateUrl, string? preferredChain, CancellationToken cancellationToken = default) =>
        ChainSelector.Select(await DownloadAllChainsAsync(certificateUrl, cancellationToken).ConfigureAwait(false), preferredChain);

    /// <summary>Revokes a certificate this account holds authorizations for, signed with the account key.</summary>
    public async Task RevokeCertificateAsync(ReadOnlyMemory<byte> certificateDer, RevocationReason? reason = null, CancellationToken cancellationToken = default)
    {
        if (certificateDer.IsEmpty)
        {
            throw new ArgumentException("The certificate is empty.", nameof(certificateDer));
        }

        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        Uri url = Require(directory.RevokeCert, "revokeCert");
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(
            new RevokePayload(Base64Url.Encode(certificateDer.Span), reason is { } r ? (int)r : null),
            AcmeJson.Options);
        await PostAsync(url, AcmeActions.Revoke, payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes with the certificate's own private key (section 7.6, JWS with <c>jwk</c>): works without the
    /// issuing account, e.g. after a key compromise. The key must be ECDSA P-256/P-384 or RSA.
    /// </summary>
    public async Task RevokeCertificateWithKeyAsync(
        ReadOnlyMemory<byte> certificateDer,
        AccountKey certificateKey,
        RevocationReason? reason = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificateKey);
        if (certificateDer.IsEmpty)
        {
            throw new ArgumentException("The certificate is empty.", nameof(certificateDer));
        }

        AcmeDirectory directory = await GetDirectoryAsync(cancellationToken).ConfigureAwait(false);
        Uri url = Require(directory.RevokeCert, "revokeCert");
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes(
            new RevokePayload(Base64Url.Encode(certificateDer.Span), reason is { } r ? (int)r : null),
            AcmeJson.Options);
        await _transport.PostAsync(url, AcmeActions.Revoke, nonce => JwsSigner.Sign(certificateKey, url, nonce, accountUrl: null, payload), null, cancellationToken)
            .ConfigureAwait(false);
    }

    private sealed record RevokePayload(string Certificate, int? Reason);
}
