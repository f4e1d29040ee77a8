using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CertMesh.Pki.Tests.Support;

/// <summary>One shared key per spec: RSA generation takes up to seconds, so tests that only need "a key" reuse these.</summary>
internal static class TestKeys
{
    private static readonly ConcurrentDictionary<KeySpec, Lazy<AsymmetricAlgorithm>> Keys = new();

    public static AsymmetricAlgorithm Get(KeyAlgorithm algorithm, int size) => Get(new KeySpec(algorithm, size));

    public static AsymmetricAlgorithm Get(KeySpec spec) =>
        Keys.GetOrAdd(spec, s => new Lazy<AsymmetricAlgorithm>(() => PrivateKeys.Generate(s))).Value;

    public static AsymmetricAlgorithm Ecdsa256() => Get(KeySpec.Default);

    public static AsymmetricAlgorithm Rsa2048() => Get(KeyAlgorithm.Rsa, 2048);

    /// <summary>Cheap fresh key for tests that need keys distinct from every other.</summary>
    public static ECDsa FreshEcdsa() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
}
