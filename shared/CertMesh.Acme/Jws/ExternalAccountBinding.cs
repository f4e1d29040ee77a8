namespace CertMesh.Acme.Jws;

/// <summary>
/// The key identifier and HMAC key a CA hands out for external account binding. The MAC key is a secret: it is
/// kept out of <see cref="ToString"/>, equality and every exception message.
/// </summary>
public sealed class ExternalAccountBinding
{
    private readonly byte[] _macKey;

    public ExternalAccountBinding(string keyId, ReadOnlySpan<byte> macKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (macKey.IsEmpty)
        {
            throw new ArgumentException("The EAB MAC key is empty.", nameof(macKey));
        }

        KeyId = keyId;
        _macKey = macKey.ToArray();
    }

    public string KeyId { get; }

    internal ReadOnlySpan<byte> MacKeySpan => _macKey;

    /// <summary>CAs publish the MAC key base64url-encoded (as cert-manager's secret holds it); some pad it.</summary>
    public static ExternalAccountBinding FromBase64Url(string keyId, string macKeyBase64Url)
    {
        byte[] key;
        try
        {
            key = Base64Url.Decode(macKeyBase64Url.Replace('+', '-').Replace('/', '_'));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The EAB MAC key is not valid base64url.", nameof(macKeyBase64Url));
        }

        return new ExternalAccountBinding(keyId, key);
    }

    public override string ToString() => $"ExternalAccountBinding({KeyId}, MAC key redacted)";
}
