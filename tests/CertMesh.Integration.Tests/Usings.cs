global using CertMesh.Testing;
