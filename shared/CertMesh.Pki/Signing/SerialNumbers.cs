using System.Security.Cryptography;

namespace CertMesh.Pki;

/// <summary>
/// Random certificate serial numbers: 16 bytes from the CSPRNG, top bit cleared so the INTEGER is positive and
/// the first byte non-zero so the DER encoding stays minimal at 16 bytes (127 random bits; CA/B asks for 64).
/// </summary>
internal static class SerialNumbers
{
    public const int Length = 16;

    public static byte[] Next()
    {
        var serial = new byte[Length];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        if (serial[0] == 0)
        {
            serial[0] = 0x01;
        }

        return serial;
    }
}
