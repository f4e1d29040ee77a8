namespace CertMesh.Contracts;

/// <summary><c>Type</c> is <c>CombinedPEM</c> (key then chain, as <c>tls-combined.pem</c>) or <c>DER</c> (<c>key.der</c>).</summary>
public sealed record AdditionalOutputFormat
{
    public string Type { get; init; } = "";
}
