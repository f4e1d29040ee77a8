using System.Security.Cryptography;

namespace CertMesh.Pki;

/// <summary>One decoded "-----BEGIN label-----" block, and the reader that finds every block in a text.</summary>
internal sealed record PemBlock(string Label, byte[] Data)
{
    /// <summary>Every well-formed PEM block, in order; text between blocks (openssl's "subject=" lines…) is skipped.</summary>
    public static List<PemBlock> ReadAll(string text)
    {
        var blocks = new List<PemBlock>();
        ReadOnlySpan<char> rest = text;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            var data = new byte[fields.DecodedDataLength];
            if (Convert.TryFromBase64Chars(rest[fields.Base64Data], data, out int written) && written == data.Length)
            {
                blocks.Add(new PemBlock(rest[fields.Label].ToString(), data));
            }

            rest = rest[fields.Location.End..];
        }

        return blocks;
    }

    /// <summary>PEM text for one block, ending with a newline so blocks concatenate into a valid bundle.</summary>
    public static string Write(string label, ReadOnlySpan<byte> data) => PemEncoding.WriteString(label, data) + "\n";
}
