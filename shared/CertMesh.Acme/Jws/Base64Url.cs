namespace CertMesh.Acme.Jws;

/// <summary>Unpadded base64url (RFC 4648 section 5), the only binary encoding ACME and JOSE use.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Decodes with or without padding; throws <see cref="FormatException"/> on invalid input.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('='));
    }
}
