namespace CertMesh.Api.Tests.Manifests;

/// <summary>cert-manager YAML as users write it: the seeds' examples and cert-manager's documentation.</summary>
internal static class SeedManifests
{
    /// <summary>The selfSigned Issuer of the seeds (exported with status and Helm labels).</summary>
    public const string SelfSignedIssuer = """
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata:
          annotations:
            meta.helm.sh/release-name: cert-manager-webhook-dnspod
            meta.helm.sh/release-namespace: cert-manager
          labels:
            app: cert-manager-webhook-dnspod
            app.kubernetes.io/managed-by: Helm
            chart: cert-manager-webhook-dnspod-1.2.0
            heritage: Helm
            release: cert-manager-webhook-dnspod
          name: cert-manager-webhook-dnspod-selfsign
          namespace: cert-manager
        status:
          conditions:
            - lastTransitionTime: '2022-03-01T13:38:53Z'
              observedGeneration: 1
              reason: IsReady
              status: 'True'
              type: Ready
        spec:
          selfSigned: {}
        """;

    public const string SelfSignedClusterIssuer = """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: selfsigned-issuer
        spec:
          selfSigned: {}
        """;

    /// <summary>cert-manager's "bootstrapping CA issuers": a self-signed root, a CA Issuer on it, a leaf from it.</summary>
    public const string CaBootstrap = """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: selfsigned-issuer
        spec:
          selfSigned: {}
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: my-selfsigned-ca
          namespace: sandbox
        spec:
          isCA: true
          commonName: my-selfsigned-ca
          secretName: root-secret
          privateKey:
            algorithm: ECDSA
            size: 256
          issuerRef:
            name: selfsigned-issuer
            kind: ClusterIssuer
            group: cert-manager.io
        ---
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata:
          name: my-ca-issuer
          namespace: sandbox
        spec:
          ca:
            secretName: root-secret
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: web
          namespace: sandbox
        spec:
          secretName: web-tls
          dnsNames:
            - web.sandbox.example
          issuerRef:
            name: my-ca-issuer
        """;

    /// <summary>The seeds' DNS-01 ClusterIssuer (DNSPod webhook) and its wildcard Certificate. The seed's
    /// export lost the ClusterIssuer's name; the Certificate names it <c>dnspod</c>.</summary>
    public const string AcmeDnsPod = """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: dnspod
          annotations:
            meta.helm.sh/release-name: cert-manager-webhook-dnspod
            meta.helm.sh/release-namespace: cert-manager
          labels:
            app: cert-manager-webhook-dnspod
            app.kubernetes.io/managed-by: Helm
            chart: cert-manager-webhook-dnspod-1.2.0
            heritage: Helm
            release: cert-manager-webhook-dnspod
        status:
          acme:
            lastRegisteredEmail: cuikaidong@foxmail.com
            uri: https://acme-v02.api.letsencrypt.org/acme/acct/431637010
          conditions:
            - lastTransitionTime: '2022-03-01T13:38:55Z'
              message: The ACME account was registered with the ACME server
              observedGeneration: 1
              reason: ACMEAccountRegistered
              status: 'True'
              type: Ready
        spec:
          acme:
            email: cuikaidong@foxmail.com
            preferredChain: ''
            privateKeySecretRef:
              name: cert-manager-webhook-dnspod-letsencrypt
            server: https://acme-v02.api.letsencrypt.org/directory
            solvers:
              - dns01:
                  webhook:
                    config:
                      secretId: <my-secret-id>
                      secretKeyRef:
                        key: secret-key
                        name: cert-manager-webhook-dnspod-secret
                      ttl: 600
                    groupName: acme.imroc.cc
                    solverName: dnspod
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: ewhisper-crt
          namespace: cert-manager
        spec:
          dnsNames:
          - e-whisper.com
          - '*.e-whisper.com'
          issuerRef:
            group: cert-manager.io
            kind: ClusterIssuer
            name: dnspod
          secretName: ewhisper-crt-secret
        """;

    /// <summary>The seeds' Rancher Certificate as exported (server-set metadata and status included).</summary>
    public const string RancherCertificate = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          creationTimestamp: '2022-03-08T14:34:05Z'
          generation: 1
          labels:
            app: rancher
            app.kubernetes.io/managed-by: Helm
            chart: rancher-2.6.4
            heritage: Helm
            release: rancher
          name: tls-rancher-ingress
          namespace: cattle-system
        status:
          conditions:
          - lastTransitionTime: '2022-03-08T14:39:35Z'
            message: Certificate is up to date and has not expired
            observedGeneration: 1
            reason: Ready
            status: 'True'
            type: Ready
          notAfter: '2022-08-05T12:40:37Z'
          notBefore: '2022-05-07T12:40:38Z'
          renewalTime: '2022-07-06T12:40:37Z'
          revision: 2
        spec:
          dnsNames:
          - rancher.e-whisper.com
          issuerRef:
            group: cert-manager.io
            kind: Issuer
            name: rancher
          secretName: tls-rancher-ingress
          usages:
          - digital signature
          - key encipherment
        """;

    /// <summary>Every Certificate.spec field CertMesh supports, from cert-manager's documentation example.</summary>
    public const string FullCertificate = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: example-com
          namespace: sandbox
          labels:
            team: web
          annotations:
            note: "2"
        spec:
          secretName: example-com-tls
          secretTemplate:
            annotations:
              my-secret-annotation-1: "foo"
              my-secret-annotation-2: 42
            labels:
              my-secret-label: foo
          duration: 2160h # 90d
          renewBefore: 360h # 15d
          renewBeforePercentage: 25
          isCA: false
          revisionHistoryLimit: 3
          privateKey:
            algorithm: RSA
            encoding: PKCS1
            size: 2048
            rotationPolicy: Always
          usages:
            - server auth
            - client auth
          subject:
            organizations: [jetstack]
            countries: [GB]
            organizationalUnits: [platform]
            localities: [London]
            provinces: [Greater London]
            streetAddresses: [1 Example Street]
            postalCodes: [EC1A 1BB]
            serialNumber: 1234
          commonName: example.com
          dnsNames:
            - example.com
            - www.example.com
          uris:
            - spiffe://cluster.local/ns/sandbox/sa/example
          emailAddresses:
            - john.doe@cert-manager.io
          ipAddresses:
            - 192.168.0.5
          issuerRef:
            name: ca-issuer
            kind: Issuer
            group: cert-manager.io
          additionalOutputFormats:
            - type: CombinedPEM
            - type: DER
        """;
}
