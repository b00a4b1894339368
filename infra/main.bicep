// DanVan on Azure, deployed by `azd up` (azure.yaml at the repository root). Subscription scope so that an
// empty subscription is enough: azd creates the resource group rg-<env> and everything in it (resources.bicep).
// Plain resources only: registry modules (br/public:) cannot be fetched where this is built and tested.
targetScope = 'subscription'

@description('azd environment name (AZURE_ENV_NAME): names the resource group and tags every resource.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region (AZURE_LOCATION). It must offer Flex Consumption with dotnet-isolated 10.0: see docs/deploy-azure.md.')
param location string

@description('Object id of the person or pipeline running azd (AZURE_PRINCIPAL_ID): gets the data role that `danvan keys issue` needs. Empty: no grant.')
param principalId string = ''

@description('Kind of principalId: User for a person at a terminal, ServicePrincipal for a CI pipeline.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Comma-separated IPv4 ranges (CIDR) allowed to reach the portal, e.g. "203.0.113.0/24,198.51.100.7/32". Empty: open to the internet (sign-in still required). Event Grid deliveries are always allowed.')
param allowedIpRanges string = ''

@description('Storage redundancy. ZRS survives a zone outage; LRS is cheapest for trials.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
param storageSku string = 'Standard_ZRS'

@description('.NET isolated worker version. The app targets net10.0; 8.0 only after retargeting the project (docs/deploy-azure.md).')
@allowed(['8.0', '10.0'])
param dotnetVersion string = '10.0'

@description('Flex Consumption scale-out ceiling.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption instance memory (MB). Workbooks at national scale need 2048.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Days of time-based immutability on archive/ (0 = none). The policy is left unlocked; locking is a deliberate manual step.')
@minValue(0)
@maxValue(146000)
param archiveRetentionDays int = 0

@description('Log Analytics retention (days).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'danvan-resources'
  scope: rg
  params: {
    environmentName: environmentName
    location: location
    principalId: principalId
    principalType: principalType
    allowedIpRanges: allowedIpRanges
    storageSku: storageSku
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    archiveRetentionDays: archiveRetentionDays
    logRetentionDays: logRetentionDays
  }
}

// azd stores these in .azure/<env>/.env; the postdeploy hooks and docs/deploy-azure.md read them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_STORAGE_ACCOUNT_ID string = resources.outputs.storageAccountId
output AZURE_STORAGE_BLOB_ENDPOINT string = resources.outputs.blobEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = resources.outputs.tableEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = resources.outputs.queueEndpoint
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output SERVICE_FUNCTIONS_NAME string = resources.outputs.functionAppName
output SERVICE_FUNCTIONS_URI string = resources.outputs.functionAppUri
output PORTAL_URL string = resources.outputs.functionAppUri
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = resources.outputs.systemTopicName
output AZURE_EVENTGRID_SYSTEM_TOPIC_ID string = resources.outputs.systemTopicId
output AZURE_EVENTGRID_DEADLETTER_CONTAINER string = resources.outputs.deadLetterContainer
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output AZURE_KEY_VAULT_KEY_URI string = resources.outputs.dataProtectionKeyUri
output APPLICATIONINSIGHTS_NAME string = resources.outputs.appInsightsName
