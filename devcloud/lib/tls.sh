# devcloud/lib/tls.sh - the certificates of the TLS front (sourced by up).
#
# ensure_tls writes, once, under $TLS_DIR (openssl is installed by ensure_apt in up):
#   ca.pem ca.key                 the devcloud CA, signs the server certificate
#   server.pem server.key         keystone-tls's certificate: SAN IP 127.0.0.1 and DNS localhost
#   client-ca.pem client-ca.key   the CA the mutual-TLS port accepts client certificates from
#   client.pem client.key         a client certificate signed by client-ca
#   untrusted-ca.pem              a CA that signed nothing the devcloud serves (negative tests)
#   untrusted-client.pem/.key     a client certificate signed by the untrusted CA
# EC P-256 keys, valid 10 years. Rewritten as a whole when a file is missing
# or the server certificate expires within 30 days.

tls_files=(ca.pem ca.key server.pem server.key client-ca.pem client-ca.key client.pem client.key
           untrusted-ca.pem untrusted-ca.key untrusted-client.pem untrusted-client.key)

tls_ok() {
  local f
  for f in "${tls_files[@]}"; do [[ -s $TLS_DIR/$f ]] || return 1; done
  openssl x509 -checkend $((30 * 86400)) -noout -in "$TLS_DIR/server.pem" >/dev/null 2>&1
}

# tls_ca DIR NAME CN: a self-signed CA certificate NAME.pem with key NAME.key.
tls_ca() {
  openssl req -x509 -config "$1/openssl.cnf" -extensions ca_ext -newkey ec \
    -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/O=devcloud/CN=$3" \
    -keyout "$1/$2.key" -out "$1/$2.pem"
}

# tls_leaf DIR NAME CN CA EXT: a certificate NAME.pem (key NAME.key) signed by CA.pem.
tls_leaf() {
  openssl req -new -config "$1/openssl.cnf" -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/O=devcloud/CN=$3" -keyout "$1/$2.key" -out "$1/$2.csr"
  openssl x509 -req -in "$1/$2.csr" -CA "$1/$4.pem" -CAkey "$1/$4.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 \
    -extfile "$1/openssl.cnf" -extensions "$5" -out "$1/$2.pem"
  rm -f "$1/$2.csr"
}

ensure_tls() {
  tls_ok && return 0
  log "generating the TLS front's CAs and certificates in $TLS_DIR"
  local tmp
  tmp=$(mktemp -d "$DEVCLOUD_DIR/tls.XXXXXX")
  cat >"$tmp/openssl.cnf" <<'CNF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = devcloud
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
  {
    tls_ca "$tmp" ca "devcloud CA" &&
      tls_leaf "$tmp" server 127.0.0.1 ca server_ext &&
      tls_ca "$tmp" client-ca "devcloud client CA" &&
      tls_leaf "$tmp" client "devcloud client" client-ca client_ext &&
      tls_ca "$tmp" untrusted-ca "devcloud untrusted CA" &&
      tls_leaf "$tmp" untrusted-client "devcloud untrusted client" untrusted-ca client_ext
  } >"$LOGS/setup-tls.log" 2>&1 || { rm -rf "$tmp"; show_log setup-tls; die "generating the TLS certificates failed"; }
  chmod 600 "$tmp"/*.key
  rm -rf "$TLS_DIR"
  mv "$tmp" "$TLS_DIR"
  chmod 755 "$TLS_DIR"
  # A running keystone-tls holds the old certificate: restart it.
  if svc_running keystone-tls; then svc_stop keystone-tls; fi
}
