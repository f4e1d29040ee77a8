using CertMesh.WebhookSolver.Configuration;

namespace CertMesh.WebhookSolver.Tests.Configuration;

public class SolverOptionsTests
{
    static readonly string Secret = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void From_OnlyKeyNameAndSecret_UsesDefaults()
    {
        var options = SolverOptions.From(Settings(("WEBHOOK_TSIG_KEY_NAME", "certmesh-key"), ("WEBHOOK_TSIG_SECRET", Secret)));

        Assert.Equal("acme.certmesh.test", options.GroupName);
        Assert.Equal("rfc2136", options.SolverName);
        Assert.Equal("certmesh-key", options.Credentials.DefaultKeyName);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Dns.Timeout);
    }

    [Fact]
    public void From_NoTsigVariables_ThrowsNamingEachMissingOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SolverOptions.From(Settings()));

        Assert.Contains("WEBHOOK_TSIG_KEY_NAME is not set", error.Message);
        Assert.Contains("WEBHOOK_TSIG_SECRET is not set", error.Message);
    }

    [Theory]
    [InlineData("hmac-sha3-256", "TSIG algorithm 'hmac-sha3-256' is not supported")]
    [InlineData("hmac-sha256", "not valid base64")]
    public void From_BadAlgorithmOrSecret_ThrowsWithoutTheSecret(string algorithm, string expected)
    {
        const string notBase64 = "s3cret!!not-base64";
        var secret = expected.Contains("base64") ? notBase64 : Secret;

        var error = Assert.Throws<InvalidOperationException>(() => SolverOptions.From(Settings(
            ("WEBHOOK_TSIG_KEY_NAME", "certmesh-key"), ("WEBHOOK_TSIG_ALGORITHM", algorithm), ("WEBHOOK_TSIG_SECRET", secret))));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(secret, error.Message);
    }

    [Fact]
    public void ToString_Options_NamesKeyButNotSecret()
    {
        var options = SolverOptions.From(Settings(("WEBHOOK_TSIG_KEY_NAME", "certmesh-key"), ("WEBHOOK_TSIG_SECRET", Secret)));

        Assert.Contains("TSIG key certmesh-key (hmac-sha256)", options.ToString());
        Assert.DoesNotContain(Secret, options.ToString());
    }

    [Fact]
    public void KeyNamed_OverrideName_KeepsAlgorithmAndChangesName()
    {
        var credentials = TsigCredentials.FromBase64("certmesh-key", "hmac-sha512", Secret);

        var key = credentials.KeyNamed("other-key");

        Assert.Equal("other-key", key.Name);
        Assert.Equal(CertMesh.Dns.Tsig.TsigAlgorithm.HmacSha512, key.Algorithm);
    }

    static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();
}
