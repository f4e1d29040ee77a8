using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace CertMesh.Dns.Wire;

/// <summary>Reads big-endian DNS fields from a whole message, following compression pointers (RFC 1035 §4.1.4).</summary>
internal sealed class DnsReader(byte[] message)
{
    // A pointer chain longer than this is a loop or garbage; real messages need a handful.
    const int MaxPointerJumps = 64;

    public int Position { get; private set; }

    public byte ReadUInt8()
    {
        Require(1);
        return message[Position++];
    }

    public ushort ReadUInt16()
    {
        Require(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(Position));
        Position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Require(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(Position));
        Position += 4;
        return value;
    }

    public ulong ReadUInt48() => ((ulong)ReadUInt16() << 32) | ReadUInt32();

    public byte[] ReadBytes(int count)
    {
        Require(count);
        var value = message.AsSpan(Position, count).ToArray();
        Position += count;
        return value;
    }

    public string ReadName()
    {
        var labels = new List<string>();
        var cursor = Position;
        var jumps = 0;
        int? resumeAt = null;
        while (true)
        {
            if (cursor >= message.Length)
                throw new DnsFormatException($"name at offset {Position} runs past the end of the message");
            var length = message[cursor];
            if ((length & 0xC0) == 0xC0)
            {
                if (cursor + 1 >= message.Length)
                    throw new DnsFormatException($"compression pointer at offset {cursor} is cut off");
                if (++jumps > MaxPointerJumps)
                    throw new DnsFormatException($"compression pointers loop at offset {cursor}");
                resumeAt ??= cursor + 2;
                cursor = ((length & 0x3F) << 8) | message[cursor + 1];
                continue;
            }
            if ((length & 0xC0) != 0)
                throw new DnsFormatException($"unsupported label type 0x{length:X2} at offset {cursor}");
            if (length == 0)
            {
                Position = resumeAt ?? cursor + 1;
                return string.Join('.', labels);
            }
            if (cursor + 1 + length > message.Length)
                throw new DnsFormatException($"label at offset {cursor} runs past the end of the message");
            labels.Add(Encoding.ASCII.GetString(message, cursor + 1, length));
            cursor += 1 + length;
        }
    }

    public DnsRecord ReadRecord()
    {
        var name = ReadName();
        var type = (DnsType)ReadUInt16();
        var @class = (DnsClass)ReadUInt16();
        var ttl = ReadUInt32();
        var length = ReadUInt16();
        Require(length);
        var end = Position + length;
        var data = ReadData(type, length, end);
        if (Position != end)
            throw new DnsFormatException($"{type} record for {name} has RDLENGTH {length} but its fields take {Position - (end - length)} bytes");
        return new DnsRecord(name, type, @class, ttl, data);
    }

    DnsRecordData ReadData(DnsType type, int length, int end)
    {
        switch (type)
        {
            case DnsType.A when length == 4:
            case DnsType.AAAA when length == 16:
                return new AddressRecordData(new IPAddress(ReadBytes(length)));
            case DnsType.NS:
            case DnsType.CNAME:
                return new NameRecordData(ReadName());
            case DnsType.SOA:
                return new SoaRecordData(ReadName(), ReadName(), ReadUInt32(), ReadUInt32(), ReadUInt32(), ReadUInt32(), ReadUInt32());
            case DnsType.TXT:
                var strings = new List<string>();
                while (Position < end)
                    strings.Add(Encoding.UTF8.GetString(ReadBytes(ReadUInt8())));
                return new TxtRecordData(strings);
            case DnsType.TSIG:
                return new TsigRecordData(ReadName(), ReadUInt48(), ReadUInt16(), ReadBytes(ReadUInt16()),
                    ReadUInt16(), (DnsRcode)ReadUInt16(), ReadBytes(ReadUInt16()));
            default:
                return new RawRecordData(ReadBytes(length));
        }
    }

    void Require(int count)
    {
        if (Position + count > message.Length)
            throw new DnsFormatException($"message ends at {message.Length} bytes but a field needs {count} more from offset {Position}");
    }
}
