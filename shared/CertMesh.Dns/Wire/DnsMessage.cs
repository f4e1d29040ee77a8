namespace CertMesh.Dns.Wire;

/// <summary>A decoded DNS message: header fields and the four sections (RFC 1035 §4.1).</summary>
public sealed class DnsMessage
{
    public required ushort Id { get; init; }
    public required bool IsResponse { get; init; }
    public required byte Opcode { get; init; }
    public required bool Authoritative { get; init; }
    public required bool Truncated { get; init; }
    public required bool RecursionDesired { get; init; }
    public required bool RecursionAvailable { get; init; }
    public required DnsRcode Rcode { get; init; }
    public required IReadOnlyList<DnsQuestion> Questions { get; init; }
    public required IReadOnlyList<DnsRecord> Answers { get; init; }
    public required IReadOnlyList<DnsRecord> Authorities { get; init; }
    public required IReadOnlyList<DnsRecord> Additionals { get; init; }

    /// <summary>Where the trailing TSIG record starts in the raw bytes, needed to rebuild what the server signed.</summary>
    internal int? TsigOffset { get; init; }

    /// <summary>The TSIG record, which RFC 8945 §5.1 requires to be the last additional record.</summary>
    public DnsRecord? Tsig => TsigOffset is null ? null : Additionals[^1];

    public static DnsMessage Parse(byte[] message)
    {
        var reader = new DnsReader(message);
        var id = reader.ReadUInt16();
        var flags = reader.ReadUInt16();
        var counts = new[] { reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt16(), reader.ReadUInt16() };

        var questions = new List<DnsQuestion>(counts[0]);
        for (var i = 0; i < counts[0]; i++)
            questions.Add(new DnsQuestion(reader.ReadName(), (DnsType)reader.ReadUInt16(), (DnsClass)reader.ReadUInt16()));
        var answers = ReadSection(reader, counts[1]);
        var authorities = ReadSection(reader, counts[2]);

        var additionals = new List<DnsRecord>(counts[3]);
        int? tsigOffset = null;
        for (var i = 0; i < counts[3]; i++)
        {
            var start = reader.Position;
            var record = reader.ReadRecord();
            additionals.Add(record);
            tsigOffset = record.Type == DnsType.TSIG && i == counts[3] - 1 ? start : null;
        }

        return new DnsMessage
        {
            Id = id,
            IsResponse = (flags & DnsFlags.Response) != 0,
            Opcode = (byte)((flags >> 11) & 0xF),
            Authoritative = (flags & DnsFlags.Authoritative) != 0,
            Truncated = (flags & DnsFlags.Truncated) != 0,
            RecursionDesired = (flags & DnsFlags.RecursionDesired) != 0,
            RecursionAvailable = (flags & DnsFlags.RecursionAvailable) != 0,
            Rcode = (DnsRcode)(flags & 0xF),
            Questions = questions,
            Answers = answers,
            Authorities = authorities,
            Additionals = additionals,
            TsigOffset = tsigOffset,
        };
    }

    static List<DnsRecord> ReadSection(DnsReader reader, int count)
    {
        var records = new List<DnsRecord>(count);
        for (var i = 0; i < count; i++)
            records.Add(reader.ReadRecord());
        return records;
    }
}
