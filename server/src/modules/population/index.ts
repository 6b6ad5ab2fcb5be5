/** 实有人口 (the people register). The lead merges this index with the register's own: this part exports the people import. */
export { peopleImporter } from './import'
