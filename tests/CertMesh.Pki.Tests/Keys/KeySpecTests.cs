namespace CertMesh.Pki.Tests.Keys;

public sealed class KeySpecTests
{
    [Theory]
    [InlineData(KeyAlgorithm.Rsa, 2048, true)]
    [InlineData(KeyAlgorithm.Rsa, 3072, true)]
    [InlineData(KeyAlgorithm.Rsa, 4096, true)]
    [InlineData(KeyAlgorithm.Rsa, 1024, false)]
    [InlineData(KeyAlgorithm.Rsa, 2047, false)]
    [InlineData(KeyAlgorithm.Ecdsa, 256, true)]
    [InlineData(KeyAlgorithm.Ecdsa, 384, true)]
    [InlineData(KeyAlgorithm.Ecdsa, 521, true)]
    [InlineData(KeyAlgorithm.Ecdsa, 224, false)]
    [InlineData(KeyAlgorithm.Ecdsa, 2048, false)]
    public void IsSupported_SpecTable_MatchesSupportedSizes(KeyAlgorithm algorithm, int size, bool supported) =>
        Assert.Equal(supported, KeySpec.IsSupported(new KeySpec(algorithm, size)));

    [Fact]
    public void Default_IsEcdsaP256() => Assert.Equal(new KeySpec(KeyAlgorithm.Ecdsa, 256), KeySpec.Default);

    [Theory]
    [InlineData(KeyAlgorithm.Rsa, 3072, "RSA 3072")]
    [InlineData(KeyAlgorithm.Ecdsa, 384, "ECDSA P-384")]
    public void ToString_Spec_IsReadable(KeyAlgorithm algorithm, int size, string expected) =>
        Assert.Equal(expected, new KeySpec(algorithm, size).ToString());
}
