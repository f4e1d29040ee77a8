using CertMesh.Client.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CertMesh.Client.Tests.Configuration;

public sealed class CertMeshOptionsValidatorTests
{
    static Dictionary<string, string?> Valid() => new()
    {
        ["CertMesh:RabbitMq:Host"] = "127.0.0.1",
        ["CertMesh:RabbitMq:Port"] = "5673",
        ["CertMesh:RabbitMq:Username"] = "sample-app",
        ["CertMesh:RabbitMq:Password"] = "secret",
        ["CertMesh:Certificates:checkout:Namespace"] = "shop",
        ["CertMesh:Certificates:checkout:Spec:IssuerRef:Name"] = "shop-ca",
        ["CertMesh:Certificates:checkout:Spec:IssuerRef:Kind"] = "Issuer",
        ["CertMesh:Certificates:checkout:Spec:DnsNames:0"] = "checkout.example.test",
        ["CertMesh:Certificates:checkout:Spec:DnsNames:1"] = "localhost",
        ["CertMesh:Certificates:checkout:Spec:Duration"] = "2160h",
        ["CertMesh:Certificates:checkout:Spec:PrivateKey:RotationPolicy"] = "Never",
    };

    static CertMeshOptions Bind(Dictionary<string, string?> values)
    {
        var options = new CertMeshOptions();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("CertMesh").Bind(options);
        return options;
    }

    static IReadOnlyList<string> Errors(Dictionary<string, string?> values) =>
        new CertMeshOptionsValidator().Validate(null, Bind(values)).Failures?.ToList() ?? [];

    [Fact]
    public void Bind_AppsettingsShape_SpecFieldsAsCertificateSpec()
    {
        var options = Bind(Valid());

        var definition = CertificateDefinition.From("checkout", options.Certificates["checkout"]);

        Assert.Equal(["checkout.example.test", "localhost"], definition.Spec.DnsNames);
        Assert.Equal("2160h", definition.Spec.Duration);
        Assert.Equal("checkout", definition.Name);
        Assert.Equal("checkout-tls", definition.Spec.SecretName);
        Assert.Equal("Never", definition.Spec.PrivateKey!.RotationPolicy);
        Assert.Null(definition.Spec.PrivateKey.Algorithm);
        Assert.Equal((KeyAlgorithms.Ecdsa, 256), (definition.KeyAlgorithm, definition.KeySize));
        Assert.Empty(Errors(Valid()));
    }

    [Fact]
    public void From_NoRotationPolicy_Always()
    {
        var values = Valid();
        values.Remove("CertMesh:Certificates:checkout:Spec:PrivateKey:RotationPolicy");

        var definition = CertificateDefinition.From("checkout", Bind(values).Certificates["checkout"]);

        Assert.Equal("Always", definition.Spec.PrivateKey!.RotationPolicy);
    }

    [Theory]
    [InlineData("CertMesh:Certificates:checkout:Namespace", "Shop_1", "CertMesh:Certificates:checkout:Namespace: \"Shop_1\" is not a valid namespace")]
    [InlineData("CertMesh:Certificates:checkout:Namespace", "", "CertMesh:Certificates:checkout:Namespace: required")]
    [InlineData("CertMesh:Certificates:checkout:Name", "Check Out", "CertMesh:Certificates:checkout:Name (metadata.name): \"Check Out\" is not a valid name")]
    [InlineData("CertMesh:Certificates:checkout:Spec:DnsNames:1", "bad..name", "CertMesh:Certificates:checkout:Spec:DnsNames:1 (spec.dnsNames[1]): \"bad..name\" is not a valid DNS name")]
    [InlineData("CertMesh:Certificates:checkout:Spec:IpAddresses:0", "300.1.1.1", "CertMesh:Certificates:checkout:Spec:IpAddresses:0 (spec.ipAddresses[0]): \"300.1.1.1\" is not an IP address")]
    [InlineData("CertMesh:Certificates:checkout:Spec:IssuerRef:Name", "", "CertMesh:Certificates:checkout:Spec:IssuerRef:Name (spec.issuerRef.name): required")]
    [InlineData("CertMesh:Certificates:checkout:Spec:IssuerRef:Kind", "Vault", "CertMesh:Certificates:checkout:Spec:IssuerRef:Kind (spec.issuerRef.kind): \"Vault\" must be Issuer or ClusterIssuer")]
    [InlineData("CertMesh:Certificates:checkout:Spec:SecretName", "Bad_Secret", "CertMesh:Certificates:checkout:Spec:SecretName (spec.secretName): \"Bad_Secret\" is not a valid name")]
    [InlineData("CertMesh:Certificates:checkout:Spec:PrivateKey:Algorithm", "RSA", "CertMesh:Certificates:checkout:Spec:PrivateKey (spec.privateKey.algorithm/size): the key is made in the application; set CertMesh:Certificates:checkout:KeyAlgorithm and KeySize instead")]
    [InlineData("CertMesh:Certificates:checkout:Spec:PrivateKey:RotationPolicy", "Sometimes", "CertMesh:Certificates:checkout:Spec:PrivateKey:RotationPolicy (spec.privateKey.rotationPolicy): \"Sometimes\" must be Always or Never")]
    [InlineData("CertMesh:Certificates:checkout:KeyAlgorithm", "DSA", "CertMesh:Certificates:checkout:KeyAlgorithm: \"DSA\" must be ECDSA or RSA")]
    [InlineData("CertMesh:Certificates:checkout:KeySize", "1024", "CertMesh:Certificates:checkout:KeySize: 1024 is not a ECDSA size")]
    [InlineData("CertMesh:RabbitMq:Username", "", "CertMesh:RabbitMq:Username: required")]
    [InlineData("CertMesh:RabbitMq:Username", "Sample.App", "CertMesh:RabbitMq:Username: \"Sample.App\" is not an application user name")]
    [InlineData("CertMesh:RabbitMq:Password", "", "CertMesh:RabbitMq:Password: required")]
    [InlineData("CertMesh:RabbitMq:Port", "0", "CertMesh:RabbitMq:Port: 0 is not a TCP port")]
    [InlineData("CertMesh:QueueName", "other.queue", "CertMesh:QueueName: \"other.queue\" must start with \"sample-app.\"")]
    public void Validate_BadField_FailsNamingTheField(string field, string value, string expected)
    {
        var values = Valid();
        values[field] = value;

        var errors = Errors(values);

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeveralBadFields_ReportsEveryOne()
    {
        var values = Valid();
        values["CertMesh:Certificates:checkout:Namespace"] = "BAD";
        values["CertMesh:Certificates:checkout:Spec:DnsNames:0"] = "-x";
        values["CertMesh:RabbitMq:Password"] = "";

        Assert.Equal(3, Errors(values).Count);
    }

    [Fact]
    public void Validate_NoNames_FailsSayingWhichAreAccepted()
    {
        var values = Valid();
        values.Remove("CertMesh:Certificates:checkout:Spec:DnsNames:0");
        values.Remove("CertMesh:Certificates:checkout:Spec:DnsNames:1");

        Assert.Contains("CertMesh:Certificates:checkout:Spec: at least one of CommonName, DnsNames, IpAddresses, Uris or EmailAddresses is required", Errors(values));
    }

    [Fact]
    public void Validate_NoCertificate_Fails()
    {
        var values = Valid().Where(p => !p.Key.StartsWith("CertMesh:Certificates", StringComparison.Ordinal)).ToDictionary();

        Assert.Contains(Errors(values), e => e.StartsWith("CertMesh:Certificates: declare at least one certificate", StringComparison.Ordinal));
    }
}
