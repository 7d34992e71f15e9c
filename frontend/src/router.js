import { createRouter, createWebHistory } from 'vue-router'
import { isLoggedIn } from './boot'
import HomePage from './pages/HomePage.vue'
import LoginPage from './pages/LoginPage.vue'

// Lists, forms and print previews are loaded when first opened, so the login form starts small.
const ListPage = () => import('./pages/ListPage.vue')
const FormPage = () => import('./pages/FormPage.vue')
const PrintPage = () => import('./pages/PrintPage.vue')
const AnalysisPage = () => import('./pages/AnalysisPage.vue')
const OpinionAiPage = () => import('./pages/OpinionAiPage.vue')

export const router = createRouter({
  history: createWebHistory('/dlxh'),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { guest: true } },
    { path: '/', name: 'home', component: HomePage },
    { path: '/opinion-ai', name: 'opinion-ai', component: OpinionAiPage },
    { path: '/:slug', name: 'list', component: ListPage, props: true },
    { path: '/:slug/new', name: 'new', component: FormPage, props: true },
    { path: '/:slug/:name', name: 'form', component: FormPage, props: true },
    { path: '/:slug/:name/print', name: 'print', component: PrintPage, props: true },
    { path: '/opinion-survey/:name/analysis', name: 'analysis', component: AnalysisPage, props: true },
  ],
})

router.beforeEach((to) => {
  if (!to.meta.guest && !isLoggedIn()) return { name: 'login', query: { redirect: to.fullPath } }
  if (to.meta.guest && isLoggedIn()) return to.query.redirect || { name: 'home' }
})
