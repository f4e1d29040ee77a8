#:project ../../../shared/CertMesh.Persistence/CertMesh.Persistence.csproj
#:property PublishAot=false
// Writes a certificate Secret as Issuing writes it (encrypted at rest, certificate-name annotation), for the
// edge-tls benchmark: the Edge then loads the benchmark's certificate through its ordinary store.
//   dotnet run put-tls-secret.cs -- NAMESPACE NAME TLS_CRT_FILE TLS_KEY_FILE   (CERTMESH_POSTGRES, CERTMESH_SECRET_KEY)
using System.Text;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Npgsql;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: put-tls-secret.cs NAMESPACE NAME TLS_CRT_FILE TLS_KEY_FILE");
    return 2;
}
var (ns, name) = (args[0], args[1]);
await using var dataSource = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("CERTMESH_POSTGRES")
    ?? throw new InvalidOperationException("CERTMESH_POSTGRES is not set"));
var database = new CertMeshDatabase(dataSource, SecretCipher.FromBase64(Environment.GetEnvironmentVariable("CERTMESH_SECRET_KEY")), new OutboxSignal(), TimeProvider.System);
var secret = new Secret
{
    Metadata = new ObjectMeta { Namespace = ns, Name = name, Annotations = new Dictionary<string, string> { [SecretAnnotations.CertificateName] = name } },
    Type = SecretTypes.Tls,
    Data = new Dictionary<string, byte[]>
    {
        [SecretKeys.TlsCrt] = Encoding.ASCII.GetBytes(await File.ReadAllTextAsync(args[2])),
        [SecretKeys.TlsKey] = Encoding.ASCII.GetBytes(await File.ReadAllTextAsync(args[3])),
    },
};
var version = await database.RunAsync(unit => unit.Secrets.ReplaceAsync(secret, CancellationToken.None), CancellationToken.None);
Console.Error.WriteLine($"Secret {ns}/{name} written (version {version})");
return 0;
