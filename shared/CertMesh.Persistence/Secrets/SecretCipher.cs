using System.Security.Cryptography;
using System.Text;

namespace CertMesh.Persistence.Secrets;

/// <summary>
/// AES-256-GCM for secrets at rest. The secret's namespace/name is authenticated data, so a ciphertext
/// copied onto another secret's row fails to decrypt instead of leaking under a different name.
/// Layout: 12-byte nonce, 16-byte tag, ciphertext.
/// </summary>
public sealed class SecretCipher
{
    const int NonceSize = 12;
    const int TagSize = 16;
    readonly byte[] _key;

    public SecretCipher(byte[] key)
    {
        if (key.Length != 32)
            throw new ArgumentException("the secret encryption key must be 32 bytes (AES-256); set CERTMESH_SECRET_KEY to 32 random bytes in base64", nameof(key));
        _key = key;
    }

    public static SecretCipher FromBase64(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
            throw new InvalidOperationException("CERTMESH_SECRET_KEY is not set: secrets are encrypted at rest and need a 32-byte key in base64 (openssl rand -base64 32)");
        byte[] key;
        try { key = Convert.FromBase64String(base64.Trim()); }
        catch (FormatException) { throw new InvalidOperationException("CERTMESH_SECRET_KEY is not valid base64"); }
        return new SecretCipher(key);
    }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    public byte[] Decrypt(ReadOnlySpan<byte> sealedData, string associatedData)
    {
        if (sealedData.Length < NonceSize + TagSize)
            throw new CryptographicException("stored secret is truncated");
        var plaintext = new byte[sealedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedData[..NonceSize], sealedData[(NonceSize + TagSize)..], sealedData.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }
}
