namespace CertMesh.Dns.Wire;

/// <summary>Response codes (RFC 1035, RFC 2136) and the TSIG error codes of RFC 8945 §5.3, which share the number space.</summary>
public enum DnsRcode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    YXDomain = 6,
    YXRRSet = 7,
    NXRRSet = 8,
    NotAuth = 9,
    NotZone = 10,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadMode = 19,
    BadName = 20,
    BadAlg = 21,
    BadTrunc = 22,
}

/// <summary>The upper-case mnemonics dig and BIND logs use, so messages match what an operator sees elsewhere.</summary>
public static class DnsRcodeNames
{
    public static string ToMnemonic(this DnsRcode rcode) =>
        Enum.IsDefined(rcode) ? rcode.ToString().ToUpperInvariant() : $"RCODE{(ushort)rcode}";
}
