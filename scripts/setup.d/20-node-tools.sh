# Outside tools the suites run against: Azurite (real Azure Blob), node-fetch@2 (seed-003 sample).
command -v node >/dev/null || apt_install nodejs npm
node_tools_install
