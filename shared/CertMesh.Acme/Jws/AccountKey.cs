using System.Security.Cryptography;
using System.Text;

namespace CertMesh.Acme.Jws;

/// <summary>
/// An ACME account key: signs JWS messages and describes itself as a JWK. The private key never leaves this type
/// except through <see cref="ExportPkcs8Pem"/>, and <see cref="ToString"/> names only the algorithm.
/// </summary>
public sealed class AccountKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private AccountKey(AsymmetricAlgorithm key, AccountKeyType type)
    {
        _key = key;
        Type = type;
        Jwk = JsonWebKey.From(key);
        Thumbprint = JwkThumbprint.Compute(Jwk);
    }

    public AccountKeyType Type { get; }

    /// <summary>The JWS <c>alg</c> value.</summary>
    public string Algorithm => Type.ToString();

    /// <summary>The public key's JWK members (required members only, as RFC 7638 hashes them).</summary>
    public JsonWebKey Jwk { get; }

    /// <summary>base64url(SHA-256(canonical JWK)), RFC 7638; the second half of every key authorization.</summary>
    public string Thumbprint { get; }

    public static AccountKey Create(AccountKeyType type = AccountKeyType.ES256) => type switch
    {
        AccountKeyType.ES256 => new AccountKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), type),
        AccountKeyType.ES384 => new AccountKey(ECDsa.Create(ECCurve.NamedCurves.nistP384), type),
        AccountKeyType.RS256 => new AccountKey(RSA.Create(2048), type),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unsupported account key type."),
    };

    /// <summary>Wraps an existing key; this instance takes ownership and disposes it.</summary>
    public static AccountKey FromKey(AsymmetricAlgorithm key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key switch
        {
            ECDsa ec when ec.KeySize == 256 => new AccountKey(ec, AccountKeyType.ES256),
            ECDsa ec when ec.KeySize == 384 => new AccountKey(ec, AccountKeyType.ES384),
            RSA rsa when rsa.KeySize >= 2048 => new AccountKey(rsa, AccountKeyType.RS256),
            _ => throw new ArgumentException("Account keys must be ECDSA P-256/P-384 or RSA of at least 2048 bits.", nameof(key)),
        };
    }

    /// <summary>Reads a PEM private key (PKCS#8, SEC 1 or PKCS#1), ECDSA or RSA.</summary>
    public static AccountKey FromPem(string pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pem);
        foreach (Func<AsymmetricAlgorithm> factory in new Func<AsymmetricAlgorithm>[] { () => ECDsa.Create(), () => RSA.Create() })
        {
            AsymmetricAlgorithm key = factory();
            try
            {
                key.ImportFromPem(pem);
                return FromKey(key);
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                key.Dispose();
            }
        }

        // Never echo the PEM or the provider's message: either could carry key material.
        throw new ArgumentException("The account key PEM could not be read as an ECDSA P-256/P-384 or RSA private key.", nameof(pem));
    }

    public string ExportPkcs8Pem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>The JWS signature over <paramref name="signingInput"/> (JOSE form: raw r||s for ECDSA).</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) => _key switch
    {
        ECDsa ec => ec.SignData(signingInput, HashFor(Type), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        RSA rsa => rsa.SignData(signingInput.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("Unsupported key."),
    };

    /// <summary>Checks a JWS signature made by this key (used by tests and by callers that want to self-check).</summary>
    public bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) => _key switch
    {
        ECDsa ec => ec.VerifyData(signingInput, signature, HashFor(Type), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        RSA rsa => rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => false,
    };

    public override string ToString() => $"AccountKey({Algorithm}, {Thumbprint})";

    public void Dispose() => _key.Dispose();

    internal string JwkJson => Encoding.UTF8.GetString(Jwk.ToCanonicalJson());

    private static HashAlgorithmName HashFor(AccountKeyType type) =>
        type == AccountKeyType.ES384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
}
