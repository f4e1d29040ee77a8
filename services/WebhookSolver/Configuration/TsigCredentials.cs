using CertMesh.Dns.Tsig;

namespace CertMesh.WebhookSolver.Configuration;

/// <summary>
/// The webhook's own TSIG secret and algorithm. A class, not a record, so no generated ToString or equality can
/// ever print the secret; a payload may pick another key name (config.tsigKeyName) but never supplies a secret.
/// </summary>
internal sealed class TsigCredentials
{
    readonly byte[] secret;

    TsigCredentials(string defaultKeyName, TsigAlgorithm algorithm, byte[] secret)
    {
        DefaultKeyName = defaultKeyName;
        Algorithm = algorithm;
        this.secret = secret;
    }

    public string DefaultKeyName { get; }
    public TsigAlgorithm Algorithm { get; }

    /// <summary>Parses through TsigKey.FromBase64 so the algorithm names and error texts are the shared library's.</summary>
    public static TsigCredentials FromBase64(string keyName, string algorithm, string base64Secret)
    {
        var key = TsigKey.FromBase64(keyName, algorithm, base64Secret);
        return new TsigCredentials(key.Name, key.Algorithm, Convert.FromBase64String(base64Secret));
    }

    public TsigKey KeyNamed(string? keyName) => new(keyName ?? DefaultKeyName, Algorithm, secret);

    public override string ToString() => KeyNamed(null).ToString();
}
