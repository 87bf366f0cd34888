namespace KuaSheng.Actors.Hosting;

/// <summary>TLS with mutual authentication between the nodes (节点间双向认证), configuration section
/// <c>KuaSheng:Cluster:Tls</c>. Off while no <see cref="CertificatePath"/> is set: the single node on loopback needs no
/// certificate. On, a node presents its own certificate and accepts a peer (inbound and outbound) only when the peer's
/// certificate chains to the cluster's CA (<see cref="CaCertificatePath"/>): a process without a certificate of that CA
/// can neither join nor send to an entity.</summary>
public sealed class TlsSettings
{
    /// <summary>The node's certificate with its private key, PKCS#12 (<c>.p12</c>/<c>.pfx</c>).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 password, best from the environment (<c>KuaSheng__Cluster__Tls__CertificatePassword</c>).
    /// Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A file holding the PKCS#12 password (a mounted secret); its first line counts. Wins over
    /// <see cref="CertificatePassword"/>.</summary>
    public string? CertificatePasswordFile { get; set; }

    /// <summary>The cluster's CA certificate (PEM or DER). Only peers whose certificate chains to it are accepted. Empty:
    /// the machine's trust store decides (any publicly trusted certificate would then be let in: set it).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Refuse to start without a certificate (on in <c>production.json</c>).</summary>
    public bool Required { get; set; }

    /// <summary>Whether a node checks that the certificate of the node it connects to names that node's host (the
    /// certificate's SAN). Off by default: the cluster's CA is the authority, and nodes reach each other by IP or by
    /// names the certificates may not carry.</summary>
    public bool ValidateHostname { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Why this node must not start with these settings, or null when it may.</summary>
    public string? Problem()
    {
        if (Required && !Enabled)
            return "TLS between the nodes is required (KuaSheng:Cluster:Tls:Required, on in production.json) but no certificate "
                + "is set: set KuaSheng:Cluster:Tls:CertificatePath (PKCS#12 with the private key), its password "
                + "(KuaSheng__Cluster__Tls__CertificatePassword or KuaSheng:Cluster:Tls:CertificatePasswordFile) and "
                + "KuaSheng:Cluster:Tls:CaCertificatePath (the cluster's CA); or set Required=false for a node alone on loopback.";
        if (Enabled && !File.Exists(CertificatePath))
            return $"KuaSheng:Cluster:Tls:CertificatePath: no file {CertificatePath}.";
        if (Enabled && !string.IsNullOrWhiteSpace(CertificatePasswordFile) && !File.Exists(CertificatePasswordFile))
            return $"KuaSheng:Cluster:Tls:CertificatePasswordFile: no file {CertificatePasswordFile}.";
        if (Enabled && !string.IsNullOrWhiteSpace(CaCertificatePath) && !File.Exists(CaCertificatePath))
            return $"KuaSheng:Cluster:Tls:CaCertificatePath: no file {CaCertificatePath}.";
        return null;
    }

    /// <summary>The PKCS#12 password: from the file when one is set, else the configured value.</summary>
    public string? Password() =>
        !string.IsNullOrWhiteSpace(CertificatePasswordFile) ? SecretFiles.FirstLine(CertificatePasswordFile) : CertificatePassword;
}
