using System.Buffers.Binary;
using System.Text;

namespace CertMesh.Dns.Wire;

/// <summary>
/// Appends big-endian DNS fields. Names are never compressed on output: messages CertMesh sends are tiny,
/// and TSIG forbids compressing its own names anyway (RFC 8945 §4.2).
/// </summary>
internal sealed class DnsWriter
{
    readonly List<byte> bytes = new(512);

    public int Length => bytes.Count;

    public void WriteUInt8(byte value) => bytes.Add(value);

    public void WriteUInt16(ushort value)
    {
        bytes.Add((byte)(value >> 8));
        bytes.Add((byte)value);
    }

    public void WriteUInt32(uint value)
    {
        WriteUInt16((ushort)(value >> 16));
        WriteUInt16((ushort)value);
    }

    public void WriteUInt48(ulong value)
    {
        WriteUInt16((ushort)(value >> 32));
        WriteUInt32((uint)value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
            bytes.Add(b);
    }

    /// <summary>Writes a name as labels; lowercase=true gives the canonical form TSIG digests (RFC 8945 §4.3.3).</summary>
    public void WriteName(string name, bool lowercase = false)
    {
        var labels = name.TrimEnd('.');
        var total = 1;
        if (labels.Length > 0)
        {
            foreach (var label in labels.Split('.'))
            {
                var encoded = Encoding.ASCII.GetBytes(lowercase ? label.ToLowerInvariant() : label);
                if (encoded.Length is 0 or > 63)
                    throw new ArgumentException($"DNS name '{name}' has a label of {encoded.Length} bytes; labels are 1..63 bytes", nameof(name));
                total += encoded.Length + 1;
                WriteUInt8((byte)encoded.Length);
                WriteBytes(encoded);
            }
        }
        if (total > 255)
            throw new ArgumentException($"DNS name '{name}' is {total} bytes on the wire; the limit is 255", nameof(name));
        WriteUInt8(0);
    }

    /// <summary>TXT RDATA: a value longer than one character-string (255 bytes) is split across several.</summary>
    public void WriteCharacterStrings(string value)
    {
        var encoded = Encoding.UTF8.GetBytes(value);
        var offset = 0;
        do
        {
            var chunk = Math.Min(255, encoded.Length - offset);
            WriteUInt8((byte)chunk);
            WriteBytes(encoded.AsSpan(offset, chunk));
            offset += chunk;
        } while (offset < encoded.Length);
    }

    /// <summary>Overwrites a 16-bit field already written, for counts and RDLENGTH known only afterwards.</summary>
    public void PatchUInt16(int offset, ushort value)
    {
        bytes[offset] = (byte)(value >> 8);
        bytes[offset + 1] = (byte)value;
    }

    public byte[] ToArray() => bytes.ToArray();

    internal static void SetUInt16(byte[] message, int offset, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(offset), value);
}
