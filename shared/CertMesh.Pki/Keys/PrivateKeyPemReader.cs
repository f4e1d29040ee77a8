using System.Formats.Asn1;
using System.Security.Cryptography;

namespace CertMesh.Pki;

/// <summary>Turns PEM text into an RSA or ECDSA key, accepting PKCS#1, SEC 1 and unencrypted PKCS#8 blocks.</summary>
internal static class PrivateKeyPemReader
{
    private const string Pkcs1RsaLabel = "RSA PRIVATE KEY";
    private const string Sec1EcLabel = "EC PRIVATE KEY";
    private const string Pkcs8Label = "PRIVATE KEY";
    private const string EncryptedPkcs8Label = "ENCRYPTED PRIVATE KEY";

    public static AsymmetricAlgorithm Read(string pem)
    {
        List<PemBlock> blocks = PemBlock.ReadAll(pem);
        try
        {
            PemBlock block = blocks.Find(b => b.Label is Pkcs1RsaLabel or Sec1EcLabel or Pkcs8Label)
                ?? throw new PkiException(blocks.Exists(b => b.Label == EncryptedPkcs8Label)
                    ? "Encrypted private keys are not supported; provide an unencrypted PEM key."
                    : $"No private key PEM block found (expected \"{Pkcs1RsaLabel}\", \"{Sec1EcLabel}\" or \"{Pkcs8Label}\").");

            AsymmetricAlgorithm key = Import(block);
            try
            {
                _ = PrivateKeys.Describe(key); // rejects curves other than P-256/P-384/P-521
                return key;
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
        finally
        {
            // Whatever was decoded (the key, or a block next to it) does not linger in memory.
            blocks.ForEach(b => CryptographicOperations.ZeroMemory(b.Data));
        }
    }

    private static AsymmetricAlgorithm Import(PemBlock block)
    {
        string algorithmOid = block.Label switch
        {
            Pkcs1RsaLabel => PublicKeys.RsaOid,
            Sec1EcLabel => EcCurves.EcPublicKeyOid,
            _ => Pkcs8AlgorithmOid(block.Data),
        };

        AsymmetricAlgorithm key = algorithmOid switch
        {
            PublicKeys.RsaOid => RSA.Create(),
            EcCurves.EcPublicKeyOid => ECDsa.Create(),
            _ => throw new PkiException($"The \"{block.Label}\" block holds a {algorithmOid} key; only RSA and ECDSA are supported."),
        };

        try
        {
            int read = (key, block.Label) switch
            {
                (RSA rsa, Pkcs1RsaLabel) => Consumed(rsa.ImportRSAPrivateKey, block.Data),
                (ECDsa ecdsa, Sec1EcLabel) => Consumed(ecdsa.ImportECPrivateKey, block.Data),
                _ => Consumed(key.ImportPkcs8PrivateKey, block.Data),
            };
            if (read != block.Data.Length)
            {
                throw new PkiException($"The \"{block.Label}\" block has trailing data after the key.");
            }

            return key;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new PkiException($"The \"{block.Label}\" block is not a valid {Describe(block.Label)}.", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private delegate void Importer(ReadOnlySpan<byte> source, out int bytesRead);

    private static int Consumed(Importer import, byte[] data)
    {
        import(data, out int read);
        return read;
    }

    /// <summary>The algorithm OID of a PKCS#8 PrivateKeyInfo: SEQUENCE { version, AlgorithmIdentifier, … }.</summary>
    private static string Pkcs8AlgorithmOid(byte[] der)
    {
        try
        {
            AsnReader info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            _ = info.ReadInteger();
            return info.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException e)
        {
            throw new PkiException($"The \"{Pkcs8Label}\" block is not a valid PKCS#8 private key.", e);
        }
    }

    private static string Describe(string label) => label switch
    {
        Pkcs1RsaLabel => "PKCS#1 RSA private key",
        Sec1EcLabel => "SEC 1 EC private key",
        _ => "PKCS#8 private key",
    };
}
