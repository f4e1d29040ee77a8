using CertMesh.Acme.Jws;

namespace CertMesh.Acme.Accounts;

/// <summary>What to register an account with.</summary>
public sealed record NewAccountRequest
{
    /// <summary>URLs such as <c>mailto:ops@example.com</c>.</summary>
    public IReadOnlyList<string> Contact { get; init; } = [];

    public bool TermsOfServiceAgreed { get; init; }

    /// <summary>Required by CAs whose directory says <c>externalAccountRequired</c>.</summary>
    public ExternalAccountBinding? ExternalAccountBinding { get; init; }
}
