namespace CertMesh.Acme.Certificates;

/// <summary>
/// Picks a chain the way cert-manager does for <c>preferredChain</c>: the first chain whose top-most certificate was
/// issued by a CA with that common name; otherwise the default (first) chain, so a renamed root never blocks issuance.
/// </summary>
public static class ChainSelector
{
    public static AcmeCertificateChain Select(IReadOnlyList<AcmeCertificateChain> chains, string? preferredChain)
    {
        ArgumentNullException.ThrowIfNull(chains);
        if (chains.Count == 0)
        {
            throw new ArgumentException("No chains to choose from.", nameof(chains));
        }

        if (string.IsNullOrWhiteSpace(preferredChain))
        {
            return chains[0];
        }

        return chains.FirstOrDefault(c => string.Equals(c.TopIssuerCommonName(), preferredChain, StringComparison.Ordinal)) ?? chains[0];
    }
}
