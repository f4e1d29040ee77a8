namespace CertMesh.Dns.Tests.Wire;

/// <summary>Hand-assembles response bytes so decoding tests do not depend on the encoder under test.</summary>
internal sealed class ResponseBuilder
{
    readonly List<byte> bytes = [];

    public int Offset => bytes.Count;

    public ResponseBuilder U8(params byte[] values) { bytes.AddRange(values); return this; }
    public ResponseBuilder U16(int value) => U8((byte)(value >> 8), (byte)value);
    public ResponseBuilder U32(uint value) => U16((int)(value >> 16)).U16((int)(value & 0xFFFF));

    public ResponseBuilder Label(string label)
    {
        bytes.Add((byte)label.Length);
        bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        return this;
    }

    public ResponseBuilder Pointer(int offset) => U8((byte)(0xC0 | (offset >> 8)), (byte)offset);

    public ResponseBuilder Header(int id, int flags, int qd, int an, int ns, int ar) =>
        U16(id).U16(flags).U16(qd).U16(an).U16(ns).U16(ar);

    public byte[] ToArray() => bytes.ToArray();
}
