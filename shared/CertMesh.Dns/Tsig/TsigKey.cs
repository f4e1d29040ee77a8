namespace CertMesh.Dns.Tsig;

/// <summary>A shared TSIG key. The secret is held privately and never formatted: ToString names the key only.</summary>
public sealed class TsigKey
{
    readonly byte[] secret;

    public TsigKey(string name, TsigAlgorithm algorithm, ReadOnlySpan<byte> secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (secret.IsEmpty)
            throw new ArgumentException($"TSIG key {name} has an empty secret", nameof(secret));
        Name = name.TrimEnd('.');
        Algorithm = algorithm;
        this.secret = secret.ToArray();
    }

    /// <summary>From the three strings a tsig-keygen key block (or a cert-manager rfc2136 issuer) provides.</summary>
    public static TsigKey FromBase64(string name, string algorithm, string base64Secret)
    {
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(base64Secret);
        }
        catch (FormatException)
        {
            // The exception text would not contain the secret, but say plainly which key is broken.
            throw new ArgumentException($"TSIG key {name} has a secret that is not valid base64", nameof(base64Secret));
        }
        return new TsigKey(name, TsigAlgorithms.Parse(algorithm), decoded);
    }

    public string Name { get; }
    public TsigAlgorithm Algorithm { get; }

    internal byte[] Mac(ReadOnlySpan<byte> data) => Algorithm.Compute(secret, data);

    public override string ToString() => $"TSIG key {Name} ({Algorithm.WireName()})";
}
