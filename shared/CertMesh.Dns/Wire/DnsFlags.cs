namespace CertMesh.Dns.Wire;

/// <summary>Bits of the header's second 16-bit word (RFC 1035 §4.1.1).</summary>
internal static class DnsFlags
{
    public const ushort Response = 0x8000;
    public const ushort Authoritative = 0x0400;
    public const ushort Truncated = 0x0200;
    public const ushort RecursionDesired = 0x0100;
    public const ushort RecursionAvailable = 0x0080;

    public const byte QueryOpcode = 0;
    public const byte UpdateOpcode = 5;

    public static ushort Opcode(byte opcode) => (ushort)(opcode << 11);

    /// <summary>Header offsets the TSIG code rewrites when rebuilding a signed message.</summary>
    public const int IdOffset = 0;
    public const int FlagsOffset = 2;
    public const int AdditionalCountOffset = 10;
}
