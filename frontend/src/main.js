import { createApp } from 'vue'
import App from './App.vue'
import { onSessionExpired } from './api'
import { loadBoot, reloadBoot } from './boot'
import 'frappe-ui/src/style.css'
import { router } from './router'
import { __ } from './translate'

onSessionExpired(async () => {
  await reloadBoot()
  const current = router.currentRoute.value
  if (current.name !== 'login') router.push({ name: 'login', query: { redirect: current.fullPath } })
})

loadBoot().then(() => {
  const app = createApp(App)
  app.config.globalProperties.__ = __
  app.use(router).mount('#app')
})
